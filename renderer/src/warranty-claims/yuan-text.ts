/** Yuan typed by a person ("830", "830.5") to fen; null when it is not an amount. */
export function fenOfYuanText(text: string): number | null {
  const clean = text.trim();
  if (!/^\d+(\.\d{1,2})?$/.test(clean)) return null;
  const [whole, part = ''] = clean.split('.');
  return Number(whole) * 100 + Number(part.padEnd(2, '0'));
}
