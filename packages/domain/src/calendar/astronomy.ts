/**
 * The two astronomical quantities the lunisolar calendar needs, after J. Meeus, *Astronomical
 * Algorithms* (2nd ed.): the instant of a new moon (ch. 49) and the Sun's apparent longitude
 * (ch. 25, low-accuracy series, about 0.01°). Pure arithmetic on numbers; no `Date`.
 *
 * Times are Julian Days. Meeus' series run on Terrestrial Time (JDE); civil days run on Universal
 * Time, so {@link deltaTSeconds} converts between them.
 */

const DEG = Math.PI / 180;
const SYNODIC_MONTH = 29.530588861;
/** JDE of Meeus' lunation 0, the new moon of 2000-01-06. */
const LUNATION_ZERO_JDE = 2451550.09766;
/** Julian Day at 00:00 UT on 1970-01-01, day number 0. */
export const UNIX_EPOCH_JD = 2440587.5;

const sinDeg = (x: number): number => Math.sin(x * DEG);

/**
 * TT − UT in seconds for a decimal year, from the Espenak–Meeus polynomials (NASA eclipse site);
 * the result moves a new moon by about a minute, which decides the civil day of new moons that
 * fall close to midnight.
 * @example Math.round(deltaTSeconds(2000)) // 64
 */
export function deltaTSeconds(year: number): number {
  if (year < 1900) {
    const t = year - 1860;
    return 7.62 + 0.5737 * t - 0.251754 * t ** 2 + 0.01680668 * t ** 3 - 0.0004473624 * t ** 4 + t ** 5 / 233174;
  }
  if (year < 1920) {
    const t = year - 1900;
    return -2.79 + 1.494119 * t - 0.0598939 * t ** 2 + 0.0061966 * t ** 3 - 0.000197 * t ** 4;
  }
  if (year < 1941) {
    const t = year - 1920;
    return 21.2 + 0.84493 * t - 0.0761 * t ** 2 + 0.0020936 * t ** 3;
  }
  if (year < 1961) {
    const t = year - 1950;
    return 29.07 + 0.407 * t - t ** 2 / 233 + t ** 3 / 2547;
  }
  if (year < 1986) {
    const t = year - 1975;
    return 45.45 + 1.067 * t - t ** 2 / 260 - t ** 3 / 718;
  }
  if (year < 2005) {
    const t = year - 2000;
    return 63.86 + 0.3345 * t - 0.060374 * t ** 2 + 0.0017275 * t ** 3 + 0.000651814 * t ** 4 + 0.00002373599 * t ** 5;
  }
  if (year < 2050) {
    const t = year - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t ** 2;
  }
  return -20 + 32 * ((year - 1820) / 100) ** 2 - 0.5628 * (2150 - year);
}

/** Decimal year of a Julian Day, precise enough for ΔT. */
function decimalYearOf(jd: number): number {
  return 2000 + (jd - 2451545) / 365.25;
}

/** Converts a Julian Day in UT to Terrestrial Time. */
export function utToTt(jdUt: number): number {
  return jdUt + deltaTSeconds(decimalYearOf(jdUt)) / 86400;
}

/** Converts a Julian Ephemeris Day (TT) to UT. */
export function ttToUt(jde: number): number {
  return jde - deltaTSeconds(decimalYearOf(jde)) / 86400;
}

/**
 * Lunation number of the last new moon before (roughly) a Julian Day: lunation 0 is 2000-01-06.
 * It is an estimate from the mean month; callers check neighbours.
 * @example lunationNear(2451550.1) // 0
 */
export function lunationNear(jd: number): number {
  return Math.floor((jd - LUNATION_ZERO_JDE) / SYNODIC_MONTH);
}

// Meeus table 49.A, new-moon column: [coefficient, power of E, multipliers of M, M′, F, Ω].
const NEW_MOON_TERMS: ReadonlyArray<readonly [number, number, number, number, number, number]> = [
  [-0.4072, 0, 0, 1, 0, 0],
  [0.17241, 1, 1, 0, 0, 0],
  [0.01608, 0, 0, 2, 0, 0],
  [0.01039, 0, 0, 0, 2, 0],
  [0.00739, 1, -1, 1, 0, 0],
  [-0.00514, 1, 1, 1, 0, 0],
  [0.00208, 2, 2, 0, 0, 0],
  [-0.00111, 0, 0, 1, -2, 0],
  [-0.00057, 0, 0, 1, 2, 0],
  [0.00056, 1, 1, 2, 0, 0],
  [-0.00042, 0, 0, 3, 0, 0],
  [0.00042, 1, 1, 0, 2, 0],
  [0.00038, 1, 1, 0, -2, 0],
  [-0.00024, 1, -1, 2, 0, 0],
  [-0.00017, 0, 0, 0, 0, 1],
  [-0.00007, 0, 2, 1, 0, 0],
  [0.00004, 0, 0, 2, -2, 0],
  [0.00004, 0, 3, 0, 0, 0],
  [0.00003, 0, 1, 1, -2, 0],
  [0.00003, 0, 0, 2, 2, 0],
  [-0.00003, 0, 1, 1, 2, 0],
  [0.00003, 0, -1, 1, 2, 0],
  [-0.00002, 0, -1, 1, -2, 0],
  [-0.00002, 0, 1, 3, 0, 0],
  [0.00002, 0, 0, 4, 0, 0],
];

// Meeus 49, planetary arguments A2…A14: [coefficient, A at k = 0, rate per lunation].
// A1 also has a quadratic term, so it is computed apart in newMoonJde.
const PLANETARY_TERMS: ReadonlyArray<readonly [number, number, number]> = [
  [0.000165, 251.88, 0.016321],
  [0.000164, 251.83, 26.651886],
  [0.000126, 349.42, 36.412478],
  [0.00011, 84.66, 18.206239],
  [0.000062, 141.74, 53.303771],
  [0.00006, 207.14, 2.453732],
  [0.000056, 154.84, 7.30686],
  [0.000047, 34.52, 27.261239],
  [0.000042, 207.19, 0.121824],
  [0.00004, 291.34, 1.844379],
  [0.000037, 161.72, 24.198154],
  [0.000035, 239.56, 25.513099],
  [0.000023, 331.55, 3.592518],
];

/**
 * Instant (JDE, Terrestrial Time) of the true new moon of lunation `k`, Meeus ch. 49
 * (error of seconds over 1900–2100).
 * @example Math.round(newMoonJde(0) * 100) / 100 // 2451550.26 (2000-01-06 18:14 TT)
 */
export function newMoonJde(k: number): number {
  const t = k / 1236.85;
  const t2 = t * t;
  const t3 = t2 * t;
  const t4 = t3 * t;
  const mean = LUNATION_ZERO_JDE + SYNODIC_MONTH * k + 0.00015437 * t2 - 0.00000015 * t3 + 0.00000000073 * t4;
  const e = 1 - 0.002516 * t - 0.0000074 * t2;
  const sunAnomaly = 2.5534 + 29.1053567 * k - 0.0000014 * t2 - 0.00000011 * t3;
  const moonAnomaly = 201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4;
  const latitudeArg = 160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4;
  const node = 124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3;
  let correction = 0;
  for (const [coefficient, ePower, m, mPrime, f, omega] of NEW_MOON_TERMS) {
    const argument = m * sunAnomaly + mPrime * moonAnomaly + f * latitudeArg + omega * node;
    correction += coefficient * e ** ePower * sinDeg(argument);
  }
  correction += 0.000325 * sinDeg(299.77 + 0.107408 * k - 0.009173 * t2);
  for (const [coefficient, base, rate] of PLANETARY_TERMS) {
    correction += coefficient * sinDeg(base + rate * k);
  }
  return mean + correction;
}

/**
 * Apparent geocentric longitude of the Sun in degrees, in [0, 360), at a JDE (Meeus ch. 25,
 * including nutation and aberration as the chapter's low-accuracy correction).
 * @example Math.round(sunApparentLongitude(2448908.5) * 100) / 100 // 199.91 (1992-10-13)
 */
export function sunApparentLongitude(jde: number): number {
  const t = (jde - 2451545) / 36525;
  const meanLongitude = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
  const meanAnomaly = 357.52911 + 35999.05029 * t - 0.0001537 * t * t;
  const center =
    (1.914602 - 0.004817 * t - 0.000014 * t * t) * sinDeg(meanAnomaly) +
    (0.019993 - 0.000101 * t) * sinDeg(2 * meanAnomaly) +
    0.000289 * sinDeg(3 * meanAnomaly);
  const node = 125.04 - 1934.136 * t;
  const apparent = meanLongitude + center - 0.00569 - 0.00478 * sinDeg(node);
  return ((apparent % 360) + 360) % 360;
}
