/** Word lists for generated names and text: fixed, so data is reproducible. */
export const FIRST_NAMES = [
  'Ada',
  'Alan',
  'Grace',
  'Linus',
  'Margaret',
  'Dennis',
  'Barbara',
  'Ken',
  'Frances',
  'John',
  'Radia',
  'Tim',
  'Hedy',
  'Guido',
  'Katherine',
  'Brian',
  'Shafi',
  'Edsger',
  'Sophie',
  'Donald',
  'Anita',
  'Leslie',
  'Jean',
  'Niklaus',
  'Mary',
  'Bjarne',
  'Karen',
  'James',
  'Lynn',
  'Yukihiro',
] as const;

export const LAST_NAMES = [
  'Lovelace',
  'Turing',
  'Hopper',
  'Torvalds',
  'Hamilton',
  'Ritchie',
  'Liskov',
  'Thompson',
  'Allen',
  'McCarthy',
  'Perlman',
  'Berners-Lee',
  'Lamarr',
  'van Rossum',
  'Johnson',
  'Kernighan',
  'Goldwasser',
  'Dijkstra',
  'Wilson',
  'Knuth',
  'Borg',
  'Lamport',
  'Sammet',
  'Wirth',
  'Keller',
  'Stroustrup',
  'Jones',
  'Gosling',
  'Conway',
  'Matsumoto',
] as const;

export const DEPARTMENTS = [
  'Engineering',
  'Sales',
  'Marketing',
  'Support',
  'Finance',
  'HR',
  '',
] as const;

export const TIMEZONES = [
  'America/Los_Angeles',
  'America/New_York',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Tokyo',
  'Asia/Kolkata',
  'Australia/Sydney',
  'UTC',
] as const;

export const CLIENT_VERSIONS = [
  '5.17.11.34827(mac)',
  '5.16.10.26186(win)',
  '5.17.5.31030(android)',
  '5.15.12.24251(iphone)',
] as const;

export const MEETING_TOPICS = [
  'Weekly standup',
  'Team Meeting',
  'Sprint planning',
  'Design review',
  '1:1',
  'All hands',
  'Customer call',
  'Interview',
  'Retrospective',
  'Roadmap sync',
  'Incident review',
  'Demo day',
] as const;

export const WORDS = [
  'api',
  'pagination',
  'cursor',
  'token',
  'database',
  'index',
  'query',
  'latency',
  'deploy',
  'release',
  'bug',
  'fix',
  'feature',
  'coffee',
  'morning',
  'weekend',
  'music',
  'football',
  'rain',
  'sunny',
  'travel',
  'book',
  'movie',
  'launch',
  'startup',
  'cloud',
  'server',
  'client',
  'keyset',
  'offset',
  'stream',
  'typescript',
  'node',
  'postgres',
  'sqlite',
  'rust',
  'python',
  'design',
  'review',
  'team',
  'hello',
  'world',
  'today',
  'tomorrow',
  'great',
  'new',
  'open',
  'source',
  'community',
  'conference',
  'talk',
  'slides',
  'thread',
  'update',
  'news',
  'weather',
  'city',
  'train',
  'garden',
  'pizza',
  'dog',
  'cat',
  'photo',
  'sunset',
  'mountain',
  'river',
  'ocean',
] as const;

export const HASHTAGS = [
  '#api',
  '#devlife',
  '#opensource',
  '#typescript',
  '#postgres',
  '#news',
] as const;

export const LOCATIONS = [
  'Berlin',
  'San Francisco',
  'London',
  'Tokyo',
  'Lagos',
  'São Paulo',
  '',
] as const;

/** Tickers for `$cashtags` in posts. */
export const CASHTAGS = ['$AAPL', '$MSFT', '$GOOG', '$TSLA', '$NVDA', '$AMZN'] as const;

/**
 * Emoji in post text, outside the Basic Multilingual Plane on purpose: X
 * counts entity offsets in code points, so each one shifts UTF-16 indexes
 * (what JavaScript's `String.prototype.slice` uses) by one against X's.
 */
export const EMOJI = ['🚀', '🎉', '☕', '🔥', '🙌🏼', '📈'] as const;

/**
 * Links in posts and profiles. X shortens every link to `https://t.co/…`
 * and reports the original in `entities.urls[].expanded_url`; the t.co slug
 * of each link is fixed, so the entity is rebuilt from the text alone.
 */
export const LINKS = [
  {
    slug: 'k3Vq9XzL2m',
    expanded: 'https://developer.x.com/en/docs/x-api',
    display: 'developer.x.com/en/docs/x-api',
  },
  {
    slug: 'R8tW1nB5sQ',
    expanded: 'https://developers.zoom.us/docs/api/pagination/',
    display: 'developers.zoom.us/docs/api/pag…',
  },
  {
    slug: 'Zp4Hy7Dc0J',
    expanded: 'https://example.com/blog/keyset-pagination',
    display: 'example.com/blog/keyset-pagin…',
  },
  {
    slug: 'm2Fg6Kx9Tw',
    expanded: 'https://github.com/pagewise/pagewise',
    display: 'github.com/pagewise/pagewise',
  },
  {
    slug: 'Q9rN3vLs8E',
    expanded: 'https://news.example.org/2024/release-notes',
    display: 'news.example.org/2024/release…',
  },
  {
    slug: 'b7Yj5Pd1Hc',
    expanded: 'https://slides.example.net/talks/cursors',
    display: 'slides.example.net/talks/curso…',
  },
] as const;

/** Accounts that are mentioned but do not exist (deleted or renamed), so mentions do not always resolve. */
export const GONE_USERNAMES = ['deleted_acct', 'old_handle_99', 'gone_for_good'] as const;
