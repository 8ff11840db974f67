// English post templates per topic and mood. Slots: {company} {team} {level} {next} {pct} {weeks}
// {months} {hours} {city} {n}. Layoff templates always name the layoff (so a topic tagger can
// find them); no other topic uses layoff words. No template holds contact details or long numbers.
import type { TopicTexts } from './texts.ts';

export const EN: TopicTexts = {
  overtime: {
    titles: {
      negative: [
        'Is the 996 schedule on {team} ever going to end?',
        'Third weekend in a row on call at {company}',
        '{hours}-hour days are the new normal here',
        'Burnt out after {months} months of crunch',
      ],
      neutral: [
        'How many hours do people on {team} actually work?',
        'Overtime policy at {company}: is it paid?',
        'On-call rotation size on {team}?',
        'Typical week for {level} in {city}?',
      ],
      positive: [
        '{team} finally cut back on overtime',
        'Proud of how our team protects evenings',
        'Leaving at six is normal on {team} now',
        'Good news: no more weekend releases',
      ],
    },
    lines: {
      negative: [
        'We were told the launch needs everyone online until midnight again.',
        'My manager schedules reviews at ten at night and calls it flexibility.',
        'I have not had a full weekend off in {weeks} weeks.',
        'The overtime is unpaid and nobody dares to push back.',
        'Everyone is exhausted and mistakes keep piling up.',
        'Saying no to extra hours quietly hurts your rating here.',
      ],
      neutral: [
        'Most of us log off around seven, with a busy week before each release.',
        'On-call is one week in {n}, with a small allowance.',
        'Hours depend heavily on the team; {team} is busier than most.',
        'Comp time exists on paper; how often it is used varies.',
        'I track my hours: about {hours} a day this quarter.',
      ],
      positive: [
        'Our new lead blocks meetings after six and it really helps.',
        'Weekend work is rare now and people seem happier.',
        'We got comp days for the last crunch, which felt fair.',
        'The team finally hired enough people to share the load.',
        'I can pick up my kids from school most days, which I appreciate.',
      ],
    },
    replies: {
      negative: [
        'Same on {team}. Nobody leaves before nine.',
        'This is why half my team is interviewing elsewhere.',
        'The hours are brutal and the pay does not make up for it.',
        'Honestly it is not sustainable, people are burning out.',
      ],
      neutral: [
        'Depends on the org. {team} is calmer than most.',
        'Is on-call paid where you are?',
        'Ours is about {hours} hours on a normal day.',
        'Check the written policy, it differs by city.',
      ],
      positive: [
        'Our team is much better since the reorg, happy to share how.',
        'Good to hear, we pushed for the same and it worked.',
        'Glad it improved. Boundaries really do matter.',
        'Same here, evenings are mostly free now.',
      ],
    },
  },
  layoffs: {
    titles: {
      negative: [
        'Layoffs at {company}: {team} hit hard',
        'Got laid off today after {months} months',
        'Another round of job cuts announced',
        'Severance offer feels insulting',
      ],
      neutral: [
        'Layoff rumours on {team}: what do we know?',
        'How does severance work for {level} in {city}?',
        'Anyone tracking the job cuts list?',
        'Questions after the layoff announcement',
      ],
      positive: [
        'Laid off but landed somewhere better',
        'Laid off, but the severance was fair',
        'The severance was generous, honestly',
        'The layoff turned into the push I needed',
      ],
    },
    lines: {
      negative: [
        'They announced layoffs in a ten minute call and cut access the same hour.',
        'Half of {team} was laid off and nobody explained the criteria.',
        'The severance is far below what other firms in {city} pay.',
        'After the job cuts the rest of us are doing three jobs.',
        'Morale is terrible since the layoffs; everyone is scared they are next.',
        'I was let go right before my bonus would have paid out.',
      ],
      neutral: [
        'HR says the layoffs are limited to {team} and a few support roles.',
        'Severance is reportedly {n} months plus one per year of service.',
        'The job cuts were announced for {city} first; other offices are waiting.',
        'Anyone who was laid off: how long did the process take?',
        'Managers were told about the layoffs a week in advance.',
      ],
      positive: [
        'The severance was fair and they extended health cover, which helped.',
        'I was laid off but had three offers within {weeks} weeks.',
        'Credit where due: the layoff process was handled with respect.',
        'Leadership paused further job cuts and explained the plan clearly.',
        'Being let go gave me the push to switch careers and I am happier.',
      ],
    },
    replies: {
      negative: [
        'Sorry to hear it. The way they handle layoffs here is awful.',
        'Same happened to a friend on {team}, no warning before the layoff.',
        'These job cuts are just to boost the share price.',
        'The severance terms got worse this year.',
      ],
      neutral: [
        'Did the layoff include contractors too?',
        'Check whether severance counts your notice period.',
        'Heard the job cuts are finished for this quarter.',
        'Which teams were affected by the layoff?',
      ],
      positive: [
        'Hang in there. Being laid off led me to a much better place.',
        'Good that the severance was decent, not every company does that.',
        'Glad you landed well after the layoff.',
        'Happy for you, the layoff turned out to be a new start.',
      ],
    },
  },
  pay: {
    titles: {
      negative: [
        'Raises at {company} are a joke this year',
        'Underpaid compared to the {city} market',
        'Bonus cut again for {team}',
        'Pay freeze while leadership gets richer',
      ],
      neutral: [
        '{level} total comp check in {city}',
        'How are bonuses calculated at {company}?',
        'Is {pct}% a normal raise for {level}?',
        'Base vs bonus split for {team}?',
      ],
      positive: [
        'Great raise this cycle at {company}',
        'Pay adjustment came through, {pct}% up',
        'Bonus was better than expected',
        'Finally paid at market rate',
      ],
    },
    lines: {
      negative: [
        'My raise was {pct}% while rent went up far more.',
        'New hires at {level} earn more than people who have been here for years.',
        'The bonus pool was cut and nobody explained why.',
        'We are paid well below other firms in {city}.',
        'I feel undervalued and honestly a bit insulted.',
      ],
      neutral: [
        'Base is reviewed once a year; bonus depends on the team rating.',
        'Most {level} people on {team} got around {pct}%.',
        'Equity refreshers seem to depend on the manager.',
        'Compare total comp, not just base, when you look at offers.',
        'The pay bands were published internally last quarter.',
      ],
      positive: [
        'Everyone on {team} got a real market adjustment this year.',
        'My raise was {pct}% and the bonus paid out in full.',
        'Leadership explained the pay bands clearly, which I appreciate.',
        'For the first time I feel fairly paid here.',
        'The new bonus scheme rewards good work, happy with it.',
      ],
    },
    replies: {
      negative: [
        'Same. My raise barely covers inflation.',
        'Pay here is not competitive anymore.',
        'Ask for the band; they underpay quietly.',
        'Bonus was cut on our side too, very disappointing.',
      ],
      neutral: [
        'What level and city? It varies a lot.',
        'Bonus is paid in March for us.',
        'Equity makes up most of the gap at senior levels.',
        'Our raises landed around {pct}%.',
      ],
      positive: [
        'Nice, glad they are paying fairly.',
        'Same here, a good cycle for {team}.',
        'Congrats, well deserved.',
        'Good to see pay improving, happy for everyone.',
      ],
    },
  },
  management: {
    titles: {
      negative: [
        'Micromanagement on {team} is out of control',
        'My manager takes credit for everything',
        'Third reorg in {months} months',
        'Skip level ignores every concern',
      ],
      neutral: [
        'How often do you have one on ones?',
        'Switching managers inside {company}: how?',
        'What does a good manager look like here?',
        'New director on {team}, what to expect?',
      ],
      positive: [
        'Shout-out to my manager on {team}',
        'Best manager I have had in years',
        'Leadership actually listened this time',
        'The reorg worked out well for us',
      ],
    },
    lines: {
      negative: [
        'Every decision goes through three layers and still changes weekly.',
        'My manager cancels one on ones and then complains about surprises.',
        'Feedback only flows down; raising issues gets you labelled difficult.',
        'Leadership keeps changing priorities and blames the team for delays.',
        'The new director has no idea what {team} does.',
      ],
      neutral: [
        'Our one on ones are every two weeks, mostly status updates.',
        'Managers on {team} have between {n} and twelve reports.',
        'There is an internal transfer process; it takes a few weeks.',
        'Skip levels happen once a quarter if you ask.',
        'The reorg moved {team} under a different vice president.',
      ],
      positive: [
        'My manager shields us from noise and gives honest feedback.',
        'She fought for our promotions and explained every decision.',
        'The new lead listens and fixes problems instead of blaming people.',
        'Leadership shared the plan openly and answered hard questions.',
        'I trust my manager, which is rare and valuable.',
      ],
    },
    replies: {
      negative: [
        'Sounds like my last manager. I transferred out.',
        'Management here does not listen, sadly.',
        'Same, constant reorgs and no direction.',
        'Document everything, it protects you.',
      ],
      neutral: [
        'Which org? It varies a lot by director.',
        'Try the internal transfer board.',
        'Skip levels helped a bit for me.',
        'How big is the team?',
      ],
      positive: [
        'Good managers make all the difference, glad you found one.',
        'Our lead is great too.',
        'Nice to hear something positive about management here.',
        'Agreed, our director has been excellent.',
      ],
    },
  },
  promotion: {
    titles: {
      negative: [
        'Passed over for promotion again',
        'Promo to {next} impossible on {team}?',
        'Promotion committee is a black box',
        'Promoted in title only, no raise',
      ],
      neutral: [
        'What does it take to reach {next}?',
        'Promo timeline from {level} to {next}',
        'How is the promotion packet reviewed?',
        'Calibration season tips?',
      ],
      positive: [
        'Promoted to {next} at last!',
        'Promo process was fair this cycle',
        'Got my promotion after {months} months',
        'Grateful for a great promo sponsor',
      ],
    },
    lines: {
      negative: [
        'I met every expectation for {next} and was told to wait another cycle.',
        'Promotions go to whoever is closest to the director.',
        'Quotas mean only one person per team can be promoted.',
        'Calibration turned a strong review into a disappointing one.',
        'After {months} months at {level} I am close to giving up.',
      ],
      neutral: [
        'Packets need a sponsor and examples of impact at the next level.',
        'Promo from {level} to {next} usually takes two cycles.',
        'Calibration happens twice a year, in spring and autumn.',
        'The rubric was updated; scope matters more now.',
        'My manager suggested leading a project first.',
      ],
      positive: [
        'I got promoted to {next} and my manager supported me the whole way.',
        'The committee gave clear feedback, which made it feel fair.',
        'The promotion came with a solid raise, very happy.',
        'My sponsor helped me write a strong packet.',
        'Proud of the team, three of us were promoted this cycle.',
      ],
    },
    replies: {
      negative: [
        'Same here, promos are political.',
        'Quotas ruin it for everyone.',
        'That is frustrating, I am sorry.',
        'Honestly easier to get promoted by switching companies.',
      ],
      neutral: [
        'Ask your manager for the rubric.',
        'How long have you been at {level}?',
        'Calibration timing matters, start early.',
        'Find a sponsor outside your team.',
      ],
      positive: [
        'Congrats, well deserved!',
        'Great news, enjoy it.',
        'Happy for you, the process worked this time.',
        'Nice, congrats on {next}!',
      ],
    },
  },
  health: {
    titles: {
      negative: [
        'Burnout on {team} is real',
        'Stress is making me sick',
        'Mental health days discouraged',
        'Anxiety every Sunday night',
      ],
      neutral: [
        'How is the health insurance at {company}?',
        'Does anyone use the counselling service?',
        'Sick leave policy in {city}?',
        'Ergonomic equipment budget?',
      ],
      positive: [
        'The wellness leave helped a lot',
        'Great support after my surgery',
        'Mental health benefits are actually good',
        'A team that respects sick days',
      ],
    },
    lines: {
      negative: [
        'I have not slept properly in {weeks} weeks because of the pressure.',
        'Taking a sick day means coming back to angry messages.',
        'Half the team is burnt out and leadership pretends not to see it.',
        'My doctor told me to reduce stress, which is impossible here.',
        'The anxiety before every review is exhausting.',
      ],
      neutral: [
        'Insurance covers basic care; dental is extra.',
        'The counselling service is confidential according to HR.',
        'Sick leave is {n} weeks a year in {city}.',
        'There is a yearly health check, booked through HR.',
        'Ergonomic chairs are available if you ask facilities.',
      ],
      positive: [
        'My manager told me to rest and covered my work, which meant a lot.',
        'The counselling sessions really helped me.',
        'Recovery leave was easy to arrange and fully paid.',
        'People here respect sick days, nobody messages you.',
        'The wellness budget is generous and easy to use.',
      ],
    },
    replies: {
      negative: [
        'Take care of yourself first, no job is worth this.',
        'Same burnout here, it is awful.',
        'The stress on {team} is terrible too.',
        'Sorry you are going through this.',
      ],
      neutral: [
        'Check if the insurance covers therapy.',
        'HR has a leave form for this.',
        'How many sick days do you get?',
        'Try the health check, it is free.',
      ],
      positive: [
        'Glad you got support, that is great.',
        'Our team is supportive too, it helps.',
        'Happy you are feeling better.',
        'Good to hear the benefits worked for you.',
      ],
    },
  },
  culture: {
    titles: {
      negative: [
        'Toxic culture on {team}',
        'Blame culture is getting worse',
        'Nobody speaks up in meetings anymore',
        'Return to office mandate killed morale',
      ],
      neutral: [
        'What is the culture like at {company}?',
        'Remote policy in the {city} office?',
        'Team events: worth going?',
        'How diverse is {team}?',
      ],
      positive: [
        'Love the culture on {team}',
        'Great team, great people',
        'Hybrid work is working well',
        'Proud to work here this year',
      ],
    },
    lines: {
      negative: [
        'People are afraid to admit mistakes because of the blame.',
        'Cliques decide who gets the interesting projects.',
        'The office mandate came with no explanation and people are angry.',
        'Meetings are political and honest opinions are punished.',
        'Morale is the lowest I have seen.',
      ],
      neutral: [
        'Hybrid is three days in the office for most teams.',
        'Team events happen every quarter, attendance is optional.',
        'The culture varies a lot between {city} and other offices.',
        'Most communication is async in chat.',
        'New joiners get a buddy for the first {weeks} weeks.',
      ],
      positive: [
        'People help each other and credit is shared generously.',
        'I love that we can disagree openly and still be friends.',
        'The team is kind, smart and fun to work with.',
        'Hybrid work gives me time with family, very happy.',
        'Leadership celebrates learning from mistakes, which feels healthy.',
      ],
    },
    replies: {
      negative: [
        'Same on our side, people are miserable.',
        'That culture is why I am leaving.',
        'Sad to hear, it used to be better.',
        'Blame culture is terrible, sorry.',
      ],
      neutral: [
        'Depends on the team.',
        'What office are you in?',
        'We go in twice a week.',
        'The culture survey is anonymous, fill it in.',
      ],
      positive: [
        'Love our team too.',
        'Glad you found a good group.',
        'Our culture is great as well.',
        'Nice, a happy team is rare.',
      ],
    },
  },
};

export const EN_OPENERS = [
  'Throwaway for obvious reasons.',
  'Long-time lurker, first post.',
  'Posting here because I cannot say this at work.',
  'Genuine question for people at {company}.',
  'Some context: {level}, based in {city}.',
];
export const EN_CLOSERS = [
  'Anyone else?',
  'Curious what others think.',
  'What would you do?',
  'Thoughts?',
  'Any advice is welcome.',
];
export const EN_SHORT_REPLIES = [
  'Same here.',
  'Following.',
  'Bump.',
  '+1',
  'Which office?',
  'Interesting, thanks for sharing.',
];
export const EN_TEAMS = [
  'the payments team',
  'the infra team',
  'the growth team',
  'the search team',
  'the ads team',
  'the cloud team',
  'the mobile team',
  'the data platform team',
  'the support team',
  'the ops team',
  'the studio team',
  'the security team',
];
