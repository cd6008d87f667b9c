// Ordering by UTF-16 code units: `localeCompare` would follow the machine's locale and could change
// the bytes of the sample from one machine to the next.
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
