// Recognises stated long working hours and late clock times in tokens: "70 hour weeks",
// "12 hour days", "sixty hour weeks", "七十个小时", "11pm", "晚上十点". Used for the overtime topic and
// as a burden signal in sentiment (such statements are complaints even without an opinion word).

const HOUR_WORDS = new Set(['hour', 'hours', 'hr', 'hrs', 'h', '小时', '钟头']);
const EVENING_WORDS = new Set(['晚上', '夜里', '夜晚', '晚', '到']);
const CLOCK_EN = /^(\d{1,2})(?::\d\d)?(am|pm)$/;
const CLOCK_ZH = /^(\d{1,2}|[一二两三四五六七八九十]{1,3})点$/;

const ENGLISH_NUMBERS = new Map<string, number>([
  ['ten', 10],
  ['eleven', 11],
  ['twelve', 12],
  ['thirteen', 13],
  ['fourteen', 14],
  ['fifteen', 15],
  ['sixteen', 16],
  ['fifty', 50],
  ['sixty', 60],
  ['seventy', 70],
  ['eighty', 80],
  ['ninety', 90],
  ['hundred', 100],
]);
const CHINESE_DIGITS: Partial<Record<string, number>> = {
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CHINESE_NUMERAL_CODES = new Set(
  [...Object.keys(CHINESE_DIGITS), '十'].map((digit) => digit.charCodeAt(0)),
);

/** Whether the token at `index` states long working hours or a late clock time. */
export function isLongHours(tokens: readonly string[], index: number): boolean {
  const token = tokens[index]!;
  // Called for every unknown token: reject non-numbers on their first character before any regex.
  if (!mayBeNumber(token)) return false;
  const count = parseCount(token);
  if (count !== undefined) {
    let next = tokens[index + 1];
    if (next === '个') next = tokens[index + 2];
    if (next !== undefined && HOUR_WORDS.has(next))
      return (count >= 10 && count <= 24) || (count >= 50 && count <= 168);
    if (next === 'pm' || next === 'am') return isLateClock(count, next);
    if (next === '点' && EVENING_WORDS.has(tokens[index - 1] ?? '')) return count >= 9 && count <= 12;
    return false;
  }
  const first = token.charCodeAt(0);
  if (first >= 0x30 && first <= 0x39) {
    const english = CLOCK_EN.exec(token);
    return english !== null && isLateClock(Number(english[1]), english[2]!);
  }
  const chinese = CLOCK_ZH.exec(token);
  if (chinese && EVENING_WORDS.has(tokens[index - 1] ?? '')) {
    const hour = parseCount(chinese[1]!);
    return hour !== undefined && hour >= 9 && hour <= 12;
  }
  return false;
}

function mayBeNumber(token: string): boolean {
  const first = token.charCodeAt(0);
  if (first >= 0x30 && first <= 0x39) return true;
  if (first >= 0x61 && first <= 0x7a) return ENGLISH_NUMBERS.has(token);
  return CHINESE_NUMERAL_CODES.has(first);
}

// 9–11 pm and midnight to 5 am are outside any normal working day.
function isLateClock(hour: number, half: string): boolean {
  return half === 'pm' ? hour >= 9 && hour <= 11 : hour === 12 || hour <= 5;
}

/** "12", "sixty", "12个", "七十", "十二个" → number; anything else → undefined. */
export function parseCount(token: string): number | undefined {
  const english = ENGLISH_NUMBERS.get(token);
  if (english !== undefined) return english;
  const text = token.endsWith('个') ? token.slice(0, -1) : token;
  if (/^\d{1,3}$/.test(text)) return Number(text);
  if (!/^[一二两三四五六七八九十]{1,3}$/.test(text)) return undefined;
  const ten = text.indexOf('十');
  if (ten < 0) return text.length === 1 ? CHINESE_DIGITS[text] : undefined;
  const tens = ten === 0 ? 1 : CHINESE_DIGITS[text.slice(0, ten)];
  const units = ten === text.length - 1 ? 0 : CHINESE_DIGITS[text.slice(ten + 1)];
  return tens === undefined || units === undefined ? undefined : tens * 10 + units;
}
