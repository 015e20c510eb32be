/** schema.org `GovernmentOffice` for a service point, so search engines show hours, phone and place. */
import type { Locale } from '../../i18n/index.js';
import type { PointDetails } from './details.js';
import { safeEmail } from './links.js';
import { internationalPhone } from './phones.js';

const SCHEMA_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const text = (locale: Locale, th: string, en: string | null) => (locale === 'en' && en ? en : th);

export function governmentOfficeJsonLd(details: PointDetails, options: { locale: Locale; url: string; baseUrl: string }): Record<string, unknown> {
  const { point, chain, satisfaction } = details;
  const { locale } = options;
  // One specification per distinct interval, listing the weekdays that share it.
  const byInterval = new Map<string, string[]>();
  for (const [weekday, intervals] of Object.entries(point.hours)) {
    for (const [opens, closes] of intervals) {
      const key = `${opens}-${closes}`;
      byInterval.set(key, [...(byInterval.get(key) ?? []), `https://schema.org/${SCHEMA_DAYS[Number(weekday)]}`]);
    }
  }
  const openingHoursSpecification = [...byInterval].map(([key, days]) => {
    const [opens, closes] = key.split('-');
    return { '@type': 'OpeningHoursSpecification', dayOfWeek: days, opens, closes };
  });
  // Days that differ from the week (holidays, exceptions): closed days are opens = closes = 00:00.
  const specialOpeningHoursSpecification = [...details.week, ...details.upcoming]
    .filter((day) => day.reason !== 'regular')
    .flatMap((day) =>
      (day.intervals.length ? day.intervals : [['00:00', '00:00'] as const]).map(([opens, closes]) => ({
        '@type': 'OpeningHoursSpecification',
        validFrom: day.date,
        validThrough: day.date,
        opens,
        closes,
      })),
    );
  const telephone = point.phones.map(internationalPhone).find((phone) => phone !== null);
  const email = safeEmail(point.email);
  const parent = chain.at(-1);
  return {
    '@context': 'https://schema.org',
    '@type': 'GovernmentOffice',
    '@id': options.url,
    name: text(locale, point.nameTh, point.nameEn),
    ...(point.nameEn ? { alternateName: locale === 'en' ? point.nameTh : point.nameEn } : {}),
    url: options.url,
    address: {
      '@type': 'PostalAddress',
      ...(point.addressTh ? { streetAddress: text(locale, point.addressTh, point.addressEn) } : {}),
      addressLocality: text(locale, point.districtTh, point.districtEn),
      addressRegion: text(locale, point.provinceTh, point.provinceEn),
      ...(point.postalCode ? { postalCode: point.postalCode } : {}),
      addressCountry: 'TH',
    },
    geo: { '@type': 'GeoCoordinates', latitude: point.lat, longitude: point.lng },
    ...(telephone ? { telephone } : {}),
    ...(email ? { email } : {}),
    openingHoursSpecification,
    ...(specialOpeningHoursSpecification.length ? { specialOpeningHoursSpecification } : {}),
    ...(parent ? { parentOrganization: { '@type': 'GovernmentOrganization', name: text(locale, parent.nameTh, parent.nameEn) } } : {}),
    ...(details.photos.length ? { image: details.photos.map((photo) => `${options.baseUrl}/photos/${photo.id}.webp`) } : {}),
    ...(satisfaction.count > 0 && satisfaction.average !== null
      ? {
          aggregateRating: {
            '@type': 'AggregateRating',
            ratingValue: satisfaction.average,
            ratingCount: satisfaction.count,
            bestRating: 5,
            worstRating: 1,
          },
        }
      : {}),
  };
}
