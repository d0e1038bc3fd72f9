/** Names shared by the page and the worker; importing this loads nothing heavy. */

/** Relative to the page, so the app works from any folder; the build copies models/ into dist/models/. */
export const SHIPPED_MODEL_URL = './models/radar-v2/model.json';
/** Key of the school-trained model in the store's models table. */
export const SCHOOL_MODEL_ID = 'school';
