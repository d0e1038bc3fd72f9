/**
 * The risk model's public API (pure functions over a loaded RiskModel). The page calls the same
 * operations through the score worker (src/workers/page/score-client.ts), naming the model 'shipped' or 'school'.
 */
export type { Driver, PupilRisk, RiskBand, HalfTermRisk } from './types';
export { HIGH_RISK, RISING_RISK } from './types';
export type { RiskModel, ModelMeta } from './net';
export type { BacktestReport, CheckpointReport, GroupRow, BacktestArgs } from './backtest';
export type { SchoolTrainingArgs, SchoolTrainingResult } from './school';
export { FEATURE_NAMES, pupilFeatures, schoolSessions } from './features';
export { auc, ece, atTop, ruleAccuracy } from './metrics';
export { fitPlatt, applyPlatt } from './calibrate';
export { bandOf, scoreSchoolWith as scoreSchool, riskByHalfTermWith as riskByHalfTerm } from './score';
export { backtestWith as backtest } from './backtest';
export { trainOnSchoolHistoryWith as trainOnSchoolHistory } from './school';
export { trainRiskModel } from './train';
export { fetchModel, toStored, fromStored, SHIPPED_MODEL_URL, SCHOOL_MODEL_ID } from './load';
