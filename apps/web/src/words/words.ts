/** A page's words in English and Chinese: the Chinese table must have exactly the English table's keys. */
export function words<const E extends Record<string, string>>(
  en: E,
  zh: { readonly [K in keyof E]: string },
): { readonly en: E; readonly zh: { readonly [K in keyof E]: string } } {
  return { en, zh };
}
