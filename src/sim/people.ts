/**
 * Pupil identities: realistic UPNs (check letter from src/domain/upn.ts), MIS ids and English names,
 * including the diacritics and apostrophes that break naive encodings (Zoë, Siân, O’Brien).
 */
import { upnCheckLetter } from '../domain/upn';
import type { Rng } from './random';

/** A permanent UPN: LA code, establishment number, two-digit year of allocation, serial. */
export function makeUpn(la: number, establishment: number, allocatedYear: number, serial: number): string {
  const body =
    String(la).padStart(3, '0') +
    String(establishment).padStart(4, '0') +
    String(allocatedYear % 100).padStart(2, '0') +
    String(serial % 1000).padStart(3, '0');
  return upnCheckLetter(body)! + body;
}

// prettier-ignore
const FORENAMES_F = [
  'Olivia', 'Amelia', 'Isla', 'Ava', 'Ivy', 'Freya', 'Lily', 'Florence', 'Mia', 'Willow', 'Rosie', 'Sophia',
  'Isabella', 'Grace', 'Daisy', 'Sienna', 'Poppy', 'Elsie', 'Emily', 'Ella', 'Evelyn', 'Phoebe', 'Sofia',
  'Evie', 'Charlotte', 'Harper', 'Matilda', 'Ruby', 'Aisha', 'Maryam', 'Zara', 'Amira', 'Hannah', 'Chloe',
  'Zoë', 'Siân', 'Niamh', 'Aoife', 'Chloë', 'Renée', 'Łucja', 'Zuzanna', 'Maja', 'Priya', 'Ananya', 'Fatima',
];
// prettier-ignore
const FORENAMES_M = [
  'Muhammad', 'Noah', 'Oliver', 'George', 'Leo', 'Arthur', 'Oscar', 'Theodore', 'Freddie', 'Theo', 'Harry',
  'Archie', 'Henry', 'Jack', 'Alfie', 'Charlie', 'Finley', 'Thomas', 'Jacob', 'Lucas', 'Isaac', 'Tommy',
  'Mason', 'Ibrahim', 'Yusuf', 'Adam', 'Reuben', 'Rory', 'Kai', 'Ethan', 'Joshua', 'Samuel', 'Dylan',
  'Seán', 'Rhys', 'Dafydd', 'Ciarán', 'José', 'Jakub', 'Oskar', 'Mateo', 'Arjun', 'Kofi', 'Tomás',
];
// prettier-ignore
const SURNAMES = [
  'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Robinson',
  'Wright', 'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Thomas', 'Clarke',
  'Jackson', 'Wood', 'Harris', 'Edwards', 'Turner', 'Martin', 'Cooper', 'Hill', 'Ward', 'Hughes', 'Moore',
  'Clark', 'King', 'Harrison', 'Lewis', 'Baker', 'Lee', 'Allen', 'Morris', 'Khan', 'Scott', 'Ahmed',
  'Begum', 'Hussain', 'Ali', 'Kowalski', 'Nowak', 'Okafor', 'Mensah', 'Nguyen', 'Singh', 'Kaur',
  'O’Brien', 'O’Connor', 'D’Souza', 'Lloyd-Davies', 'Smith-Jones', 'Müller', 'Ó Súilleabháin', 'Zieliński',
];
/** Obviously made-up surnames for the demo school, so nobody mistakes it for real pupils. */
// prettier-ignore
const DEMO_SURNAMES = [
  'Applebough', 'Bramblewick', 'Cloudberry', 'Dandelion', 'Elderflower', 'Fernhollow', 'Gooseberry',
  'Hazelnut', 'Inkwell', 'Juniperwood', 'Kettledrum', 'Larkspur', 'Marmalade', 'Nettlebed', 'Oakapple',
  'Puddleby', 'Quillfeather', 'Rosehip', 'Sugarplum', 'Thistledown', 'Umbrellaworth', 'Vetchling',
  'Whistlecraft', 'Yarrowby', 'Zephyrwood', 'Buttercup', 'Crumpetton', 'Dewdrop', 'Figgins-Demo',
  'O’Puddle', 'Lemonsworth', 'Pebbleton',
];

export interface NameDraw {
  forename: string;
  surname: string;
  sex: 'F' | 'M';
}

export function drawName(rng: Rng, demo: boolean): NameDraw {
  const sex = rng.chance(0.5) ? 'F' : 'M';
  const forename = rng.pick(sex === 'F' ? FORENAMES_F : FORENAMES_M);
  const surname = rng.pick(demo ? DEMO_SURNAMES : SURNAMES);
  return { forename, surname, sex };
}
