// Topic tagging in both languages: keywords, phrases, multi-label, numeric long-hours rules.
import { describe, expect, it } from 'vitest';
import { enrich, TOPICS } from '../../../analytics/enrich/index.ts';

const topics = (text: string) => enrich(text).topics;

describe('English topics', () => {
  it('tags each topic from its keywords', () => {
    expect(topics('Expect 996 on this team.')).toEqual(['overtime']);
    expect(topics('Another round of layoffs announced.')).toEqual(['layoffs']);
    expect(topics('My salary is below market.')).toEqual(['pay']);
    expect(topics('My manager is great.')).toEqual(['management']);
    expect(topics('Got promoted this cycle.')).toEqual(['promotion']);
    expect(topics('I am completely burned out.')).toEqual(['health']);
    expect(topics('The culture here is toxic.')).toEqual(['culture']);
  });

  it('is multi-label and returns topics in TOPICS order', () => {
    const tags = topics('Leadership did surprise layoffs, cut bonuses and now everyone is burned out.');
    expect(tags).toEqual(['layoffs', 'pay', 'management', 'health', 'culture']);
    expect(tags).toEqual(TOPICS.filter((topic) => tags.includes(topic)));
  });

  it('matches phrases across hyphens and case, and keeps topics under sentiment phrases', () => {
    expect(topics('Work-Life Balance is great')).toEqual(['overtime']);
    expect(topics('I was LAID OFF yesterday')).toEqual(['layoffs']);
    expect(topics('I was denied promotion again')).toEqual(['promotion']);
  });

  it('tags stated long hours and late clock times as overtime', () => {
    expect(topics('We did 70 hour weeks.')).toEqual(['overtime']);
    expect(topics('Sixty-hour weeks are normal.')).toEqual(['overtime']);
    expect(topics('Slack pings at 11pm.')).toEqual(['overtime']);
    expect(topics('A 2 hour meeting about nothing.')).toEqual([]);
    expect(topics('We work 40 hours.')).toEqual(['overtime']); // "hours" itself is an overtime word
    expect(topics('Standup is at 9am.')).toEqual([]);
  });

  it('tags nothing in a post without topic words', () => {
    expect(topics('Anyone know a good lunch place nearby?')).toEqual([]);
  });
});

describe('Chinese topics', () => {
  it('tags each topic from jieba tokens', () => {
    expect(topics('每天都要加班')).toEqual(['overtime']);
    expect(topics('公司又裁员了')).toEqual(['layoffs']);
    expect(topics('今年年终奖发了吗')).toEqual(['pay']);
    expect(topics('领导天天画饼')).toEqual(['management']);
    expect(topics('晋升答辩挂了')).toEqual(['promotion']);
    expect(topics('最近失眠很严重')).toEqual(['health']);
    expect(topics('内卷太严重')).toEqual(['culture']);
  });

  it('is multi-label', () => {
    expect(topics('工作压力大，工资低，领导还爱甩锅')).toEqual(['pay', 'management', 'health']);
    expect(topics('加班没有加班费')).toEqual(['overtime', 'pay']);
  });

  it('tags N+1 compensation and 3.25 ratings', () => {
    expect(topics('被裁了，给了N+1')).toEqual(['layoffs']);
    expect(topics('绩效3.25')).toEqual(['promotion']);
  });

  it('tags stated hours and late evenings as overtime', () => {
    expect(topics('每周工作七十个小时')).toEqual(['overtime']);
    expect(topics('每天12个小时')).toEqual(['overtime']);
    expect(topics('开会开到晚上十点')).toEqual(['overtime']);
    expect(topics('开会开到晚上11点')).toEqual(['overtime']);
    expect(topics('上午十点开会')).toEqual([]);
  });
});
