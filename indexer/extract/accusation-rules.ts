/**
 * The vocabulary of the accused-country rules, kept apart from the matching code so the rules
 * can be read and tuned as data. Entries are regular-expression fragments, matched
 * case-insensitively on whole words, with a single space standing for any whitespace.
 *
 * How they combine (see countries.ts): a sentence is *accusatory* when it names an act of
 * interference; a country counts only when it stands in an *agent* position of an accusatory
 * sentence (subject of an interfering verb, object of "accuse", "by"/"of" after the act,
 * possessor of the act, demonym on an actor). Denials silence their sentence.
 */

/** Words that name an act of interference by themselves. */
export const STRONG_CUES: readonly string[] = [
  'interfer(?:e|es|ed|ing|ence)',
  'meddl(?:e|es|ed|ing)',
  'hack(?:s|ed|ing|ers?)?',
  '(?:dis|mis)information',
  'false information',
  'propaganda',
  'intimidat(?:e|es|ed|ing|ion)',
  'spoof(?:s|ed|ing)?',
  'cyber ?attacks?',
  'ransomware',
  'malware',
  'phishing',
  'ddos',
  'denial[- ]of[- ]service',
  'defacements?',
  'influence (?:operations?|campaigns?)',
  'troll farms?',
  'sow(?:s|ed|ing)? (?:chaos|discord|confusion|division|distrust)',
  '(?:undermin|erod)(?:e|es|ed|ing) (?:\\S+ ){0,3}?confidence',
  'penetrat(?:e|es|ed|ing|ion)',
  'exploit(?:s|ed|ing)? (?:\\S+ ){0,2}?vulnerabilit(?:y|ies)',
  'fraudulent (?:ballots?|e-?mails?|videos?)',
];

/** Verbs that describe interference only in a sentence about an election ("help him", "obtain data"). */
export const ELECTION_BOUND_CUES: readonly string[] = [
  'influenc(?:e|es|ed|ing)',
  'sway(?:s|ed|ing)?',
  'target(?:s|ed|ing)?',
  'obtain(?:s|ed|ing)?',
  'access(?:es|ed|ing)?',
  'st(?:eal|eals|ole|olen|ealing)',
  'help(?:s|ed|ing)?',
  'hurt(?:s|ing)?',
  'disparag(?:e|es|ed|ing)',
  'denigrat(?:e|es|ed|ing)',
  'undermin(?:e|es|ed|ing)',
  'disrupt(?:s|ed|ing)?',
  'manipulat(?:e|es|ed|ing)',
];

/** Words that make a sentence about an election. */
export const ELECTION_CONTEXT: readonly string[] = [
  'elections?',
  'electoral',
  'vot(?:e|es|ed|er|ers|ing)',
  'ballots?',
  'polls',
  'campaigns?',
  'candidates?',
  're-elect(?:ed|ion)?',
];

/** A sentence saying one of these is a denial or a dismissal; it accuses no one. */
export const DENIAL_CUES: readonly string[] = [
  'den(?:y|ies|ied|ying)',
  'reject(?:s|ed|ing|ion)?',
  'refut(?:e|es|ed|ing)',
  'dismiss(?:es|ed|ing)?',
  '(?:does|do|did) not interfere',
  'never interfered',
  'no interest in',
  'unfounded',
  'baseless',
  'absurd',
  'fabricat(?:ed|ion|ions)',
  'witch hunt',
  'nothing more than',
];

/**
 * What may stand between a subject country and its verb: auxiliaries, adverbs and
 * "tried to"-style catenatives. "not" is absent on purpose: a negated verb accuses no one.
 */
export const AUXILIARIES: readonly string[] = [
  'has',
  'have',
  'had',
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'being',
  'might',
  'may',
  'could',
  'would',
  'will',
  'can',
  'also',
  'already',
  'separately',
  'now',
  'still',
  'then',
  '\\w+ly',
  '(?:known|believed|suspected|said|thought|expected|trying|tried|seeking|sought|attempting|attempted|managed|continu(?:es|ed|ing)|working|able|going|poised|set) to',
];

/** Verbs (with their typical objects) whose subject is the interfering country. */
export const AGENT_VERBS: readonly string[] = [
  'interfer(?:e|es|ed|ing)',
  'meddl(?:e|es|ed|ing)',
  'hack(?:s|ed|ing)?',
  'intimidat(?:e|es|ed|ing)',
  'undermin(?:e|es|ed|ing)',
  'influenc(?:e|es|ed|ing)',
  'sway(?:s|ed|ing)?',
  'disrupt(?:s|ed|ing)?',
  'manipulat(?:e|es|ed|ing)',
  'penetrat(?:e|es|ed|ing)',
  'exploit(?:s|ed|ing)?',
  'target(?:s|ed|ing)?',
  'st(?:eal|eals|ole|olen|ealing)',
  '(?:help|hurt|boost|damag|disparag|denigrat)(?:e|es|ed|s|ing)?',
  '(?:obtain|access)(?:s|es|ed|ing)? (?:\\S+ ){0,3}?(?:voter|data|information|databases?|networks?|systems?|websites?|servers?|e-?mails?)',
  '(?:send|sends|sending|sent) (?:\\S+ ){0,2}?(?:spoofed|fraudulent|threatening|fake|intimidating|phishing)',
  'spread(?:s|ing)? (?:\\S+ ){0,2}?(?:disinformation|misinformation|propaganda|false|fake|lies)',
  '(?:disseminat|distribut)(?:e|es|ed|ing)',
  '(?:launch|conduct|run|ran|wag|orchestrat|carr(?:y|ies|ied) out)\\w* (?:\\S+ ){0,3}?(?:campaigns?|operations?|attacks?|efforts?)',
  '(?:undertak(?:e|es|en|ing)|undertook) (?:\\S+ ){0,2}?(?:measures|actions?|steps|efforts?) to',
  'us(?:e|es|ed|ing) (?:to|(?:\\S+ ){0,4}?(?:attacks?|malware|ransomware|bots|trolls|proxies|e-?mails?|data))',
];

/**
 * Predicates that attribute an act named elsewhere in the paragraph ("the Iranian government was
 * involved"); they need an accusatory paragraph rather than an accusatory sentence.
 */
export const ATTRIBUTION_PREDICATES: readonly string[] = ['behind', 'involved', 'responsible'];

/** Verbs whose object is the accused: "accusing Iran and Russia of", "charges against two Iranians". */
export const ACCUSING_VERBS: readonly string[] = [
  'accus(?:e|es|ed|ing)',
  'blam(?:e|es|ed|ing)',
  'charg(?:e|es|ed|ing)',
  'indict(?:s|ed|ing)?',
  'sanction(?:s|ed|ing)?',
];

/** Acts followed by "by <country>": "obtained by Iran", "interference by Tehran and Moscow". */
export const ACTS_BY: readonly string[] = [
  'obtained',
  'disseminated',
  'distributed',
  'hacked',
  'sent',
  'spread',
  'launched',
  'conducted',
  'orchestrated',
  'sponsored',
  'backed',
  'directed',
  'carried out',
  'run',
  'interference',
  'meddling',
  'hacking',
  'attempts?',
  'efforts?',
  'campaigns?',
  'operations?',
  'attacks?',
  'intrusions?',
  'activit(?:y|ies)',
];

/** Acts followed by "from <country>": "accounts operated from Iran", "attacks originating from Russia". */
export const ACTS_FROM: readonly string[] = [
  'run',
  'operated',
  'originat(?:ed|ing)',
  'launched',
  'directed',
  'controlled',
];

/** Nouns followed by "of <country>": "the intent of Iran", "a tactic of the Iranians". */
export const ACTS_OF: readonly string[] = [
  'intent',
  'intentions?',
  'aims?',
  'goals?',
  'tactics?',
  'hallmarks?',
  'handiwork',
  'fingerprints',
  'involvement',
  'interference',
  'meddling',
];

/** Verbs that trace an act back to its origin: "traced the emails back to Tehran", "linked to Russia". */
export const TRACING_VERBS: readonly string[] = [
  'trac(?:e|es|ed|ing)',
  'attribut(?:e|es|ed|ing)',
  'link(?:s|ed|ing)?',
  'ti(?:e|es|ed)',
  'connect(?:s|ed|ing)?',
];

/** What a country can possess that makes it the actor: "Russia's meddling", "Iran's initial success in penetrating". */
export const POSSESSED_ACTS: readonly string[] = [
  'meddling',
  'interference',
  'interfering',
  'hacking',
  'hackers?',
  'campaigns?',
  'operations?',
  'disinformation',
  'propaganda',
  'cyber ?attacks?',
  'intrusions?',
  'penetrat(?:ing|ion)',
  'trolls?',
  'operatives?',
  'agents',
  'spies',
  'proxies',
  'intelligence services?',
  'military intelligence',
  '(?:attempts?|efforts?|bids?) to (?:interfere|meddle|hack|influence|sway|undermine|disrupt|manipulate)',
];

/** Nouns that make a demonym name an actor: "Iranian hackers", "the Iranian government", "an Iranian campaign". */
export const ACTOR_NOUNS: readonly string[] = [
  'hackers?',
  'hacking',
  'actors?',
  'operatives?',
  'agents?',
  'spies',
  'trolls?',
  'troll farms?',
  'government',
  'regime',
  'military intelligence',
  'intelligence (?:services?|agenc(?:y|ies)|officers?|operatives?)',
  'proxies',
  'campaigns?',
  'operations?',
  'interference',
  'meddling',
  'disinformation',
  'propaganda',
];

/**
 * Nouns that make a demonym an actor only in a sentence that accuses or sanctions someone:
 * "sanctioned six Iranian nationals", but not "Russian hackers targeted an Iranian company".
 */
export const ACCUSED_PARTY_NOUNS: readonly string[] = [
  'organi[sz]ations?',
  'nationals',
  'individuals',
  'entities',
  'compan(?:y|ies)',
  'firms?',
  'institutes?',
  'groups?',
  'citizens',
  'men',
];

/** Suffixes that keep a demonym an actor: "Iranian-based actors", "Russian-backed trolls". */
export const DEMONYM_SUFFIXES: readonly string[] = [
  'based',
  'backed',
  'linked',
  'sponsored',
  'affiliated',
  'controlled',
  'run',
  'aligned',
];

/**
 * Words that, right after a demonym phrase, show it is the accuser or a source, not the actor:
 * "the American government accused …", "Russian government officials said …".
 */
export const NOT_AN_ACTOR_AFTER: readonly string[] = [
  'officials?',
  'sources?',
  'spokes(?:man|woman|person)',
  'ministry',
  'said',
  'says',
  'warned',
  'warns',
  'accused',
  'accuses',
  'alleged',
  'alleges',
  'claimed',
  'claims',
  'confirmed',
  'announced',
  'reported',
  'believes',
  'suspects',
  'told',
  'stated',
  'concluded',
  'sanctioned',
  'charged',
  'indicted',
];
