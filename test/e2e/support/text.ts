/** A pattern matching `text` exactly (spaces around allowed), for names with ( ) . and the like. */
export function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}
