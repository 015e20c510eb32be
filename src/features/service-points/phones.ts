/** Thai phone numbers as written on posters ("0 2123 4567", "081-234-5678") → `tel:` links in +66 form. */

/** "+6621234567", or null when the text is not a Thai number we can dial. */
export function internationalPhone(text: string): string | null {
  const digits = text.replace(/[\s\-().]/g, '');
  if (!/^\+?\d+$/.test(digits)) return null;
  const national = digits.startsWith('+66') ? digits.slice(3) : digits.startsWith('66') && digits.length >= 11 ? digits.slice(2) : digits.startsWith('0') ? digits.slice(1) : null;
  // Landlines have 8 digits after the trunk 0, mobiles 9.
  if (national === null || !/^[1-9]\d{7,8}$/.test(national)) return null;
  return `+66${national}`;
}
