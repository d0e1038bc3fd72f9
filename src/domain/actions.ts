/**
 * What a school does about a pupil's attendance, in the order the DfE guidance sets out: support first, then
 * formal steps, then enforcement ("Working together to improve school attendance", August 2024; summary in
 * ../shared/domain/attendance.md). Each kind of action belongs to one stage; a pupil's stage is the furthest
 * stage any of their actions reached.
 */

export type ActionStage = 'contact' | 'support' | 'formal' | 'enforce';
export const ACTION_STAGES: readonly ActionStage[] = ['contact', 'support', 'formal', 'enforce'];
export const STAGE_LABEL: Record<ActionStage, string> = {
  contact: 'Listen and understand',
  support: 'Facilitate support',
  formal: 'Formalise support',
  enforce: 'Enforce',
};

export type ActionKind =
  | 'first-day-call'
  | 'conversation'
  | 'letter-concern'
  | 'letter-1'
  | 'letter-2'
  | 'meeting'
  | 'support-plan'
  | 'attendance-contract'
  | 'parenting-contract'
  | 'notice-to-improve'
  | 'penalty-notice'
  | 'referral-la'
  | 'referral-ews'
  | 'referral-social-care'
  | 'prosecution'
  | 'eso'
  | 'other';

interface KindFacts {
  label: string;
  stage: ActionStage;
}

/** In the order an officer would usually take them; the form lists them in this order. */
export const ACTION_KIND_FACTS: Readonly<Record<ActionKind, KindFacts>> = {
  'first-day-call': { label: 'First-day call', stage: 'contact' },
  conversation: { label: 'Conversation with pupil or parent', stage: 'contact' },
  'letter-concern': { label: 'Letter: concern', stage: 'contact' },
  'letter-1': { label: 'Letter: stage 1', stage: 'support' },
  meeting: { label: 'Attendance meeting', stage: 'support' },
  'support-plan': { label: 'Support plan / early help', stage: 'support' },
  'letter-2': { label: 'Letter: stage 2', stage: 'formal' },
  'attendance-contract': { label: 'Attendance contract', stage: 'formal' },
  'parenting-contract': { label: 'Parenting contract', stage: 'formal' },
  'referral-la': { label: 'Referral: LA attendance team', stage: 'formal' },
  'referral-ews': { label: 'Referral: education welfare', stage: 'formal' },
  'referral-social-care': { label: 'Referral: social care', stage: 'formal' },
  'notice-to-improve': { label: 'Notice to improve', stage: 'enforce' },
  'penalty-notice': { label: 'Penalty notice', stage: 'enforce' },
  prosecution: { label: 'Prosecution', stage: 'enforce' },
  eso: { label: 'Education supervision order', stage: 'enforce' },
  other: { label: 'Other', stage: 'contact' },
};

export const ACTION_KINDS = Object.keys(ACTION_KIND_FACTS) as ActionKind[];

export function isActionKind(v: unknown): v is ActionKind {
  return typeof v === 'string' && Object.hasOwn(ACTION_KIND_FACTS, v);
}

/**
 * The five kinds stored before actions had stages, and the kind each now reads as. A letter of unknown stage is
 * read as the mildest one; a mentor is support; an unnamed referral goes to the LA attendance team.
 */
export const LEGACY_KIND: Readonly<Record<string, ActionKind>> = {
  letter: 'letter-concern',
  meeting: 'meeting',
  mentor: 'support-plan',
  referral: 'referral-la',
};

/** The kind an old or new record names, or null when it names none. */
export function actionKindOf(v: unknown): ActionKind | null {
  if (isActionKind(v)) return v;
  return typeof v === 'string' && Object.hasOwn(LEGACY_KIND, v) ? LEGACY_KIND[v] : null;
}

export const stageOf = (k: ActionKind): ActionStage => ACTION_KIND_FACTS[k].stage;
export const kindLabel = (k: ActionKind): string => ACTION_KIND_FACTS[k].label;

/** The furthest stage reached by any of the actions, or null when there are none. */
export function furthestStage(kinds: Iterable<ActionKind>): ActionStage | null {
  let best = -1;
  for (const k of kinds) best = Math.max(best, ACTION_STAGES.indexOf(stageOf(k)));
  return best < 0 ? null : ACTION_STAGES[best];
}
