/**
 * The word stock of the synthetic corpus: real English function words and newsroom words at the
 * top of a Zipf ranking, then a long tail of made-up but English-looking words, so that a million
 * passages have common words in most of them and rare words in a handful, like real reporting.
 */
import type { Random } from './random.js';
import { createRandom } from './random.js';

/** The most frequent English words, roughly in frequency order (ranks 1..n). */
export const FUNCTION_WORDS: readonly string[] = (
  'the of and to a in that is was for on it with as said by he at from his be have has are an not ' +
  'this they but had which were their been would who also its will more one after about or than ' +
  'other there new we all into when some them over could can two her she what up out if no so ' +
  'first only last year years most while before because between against during since under where'
).split(' ');

/** Content words of reporting on elections and interference, placed just below the function words. */
export const NEWSROOM_WORDS: readonly string[] = (
  'officials election government president campaign security intelligence state foreign report ' +
  'voters national public information officials agency department federal media vote elections ' +
  'political country statement minister week people including according investigation social ' +
  'interference news told administration data network accounts officials services attempts ' +
  'democratic efforts party states international spokesman official director committee systems ' +
  'candidates ballots online emails evidence sanctions senate congress military groups cyber ' +
  'influence hackers operations disinformation allegations threat leaders analysts experts ' +
  'registration voting polls parliament opposition authorities threats companies platforms ' +
  'websites messages videos content trolls propaganda meddling accused denied charged indicted ' +
  'targeted reported announced warned confirmed investigators prosecutors diplomats embassy ' +
  'ministry spokeswoman senator lawmakers officials counterintelligence infrastructure'
)
  .split(' ')
  .filter((word, i, all) => all.indexOf(word) === i);

const ONSETS = [
  '',
  ...'b c d f g h k l m n p r s t v w b d l m n p r s t br cr dr gr pr st tr ch sh th'.split(' '),
];
const NUCLEI = 'a e i o u a e i o a e ea ai ou'.split(' ');
const CODAS = ['', '', '', '', '', '', 'n', 'r', 's', 't', 'l', 'm', 'nd', 'nt', 'st', 'ck', 'ng'];
const SUFFIXES = ['', '', '', '', '', '', '', 's', 's', 'ing', 'ed', 'er', 'ion', 'ly', 'al'];

function syllable(random: Random): string {
  return random.pick(ONSETS) + random.pick(NUCLEI) + random.pick(CODAS);
}

/**
 * Function words first; from rank 30 on, newsroom and function words alternate, so that
 * "officials" or "election" are in about one passage in ten, as in reporting on the subject.
 */
function rankedRealWords(): string[] {
  const newsroom = NEWSROOM_WORDS.filter((word) => !FUNCTION_WORDS.includes(word));
  const ranked = FUNCTION_WORDS.slice(0, 30);
  const rest = FUNCTION_WORDS.slice(30);
  for (let i = 0; i < Math.max(rest.length, newsroom.length); i++) {
    const news = newsroom[i];
    const common = rest[i];
    if (news !== undefined) ranked.push(news);
    if (common !== undefined) ranked.push(common);
  }
  return ranked;
}

/** A made-up word of 2..3 syllables, sometimes with an English ending, lowercase ASCII. */
export function inventWord(random: Random): string {
  const syllables = random.chance(0.6) ? 2 : 3;
  let word = '';
  for (let i = 0; i < syllables; i++) word += syllable(random);
  return word + random.pick(SUFFIXES);
}

/**
 * The ranked vocabulary: function words, newsroom words, then `tailSize` distinct invented words.
 * The tail depends only on `seed`, so the same seed always ranks the same words the same way.
 */
export function buildVocabulary(seed: number, tailSize: number): string[] {
  const words = rankedRealWords();
  const seen = new Set(words);
  const random = createRandom(seed ^ 0x5eed);
  const maxAttempts = tailSize * 20;
  for (let attempt = 0; seen.size < words.length + tailSize && attempt < maxAttempts; attempt++) {
    const word = inventWord(random);
    if (word.length < 4 || seen.has(word)) continue;
    seen.add(word);
  }
  // Set iteration keeps insertion order: function words, newsroom words, then the tail as invented.
  return [...seen];
}
