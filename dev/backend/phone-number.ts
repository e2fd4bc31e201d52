/**
 * A small stand-in for Weaviate's phone number parsing (usecases/objects/validation/phone_numbers.go, which
 * uses github.com/nyaruka/phonenumbers). It knows the calling codes of a few dozen countries and formats
 * numbers plainly ("+31 201234567"); the real library's per-country formatting and validity rules are out of
 * scope for a development backend. The error texts are Weaviate's.
 */
export interface PhoneNumber {
  input: string;
  defaultCountry: string;
  countryCode: number;
  national: number;
  nationalFormatted: string;
  internationalFormatted: string;
  valid: boolean;
}

// ISO 3166-1 alpha-2 country → ITU calling code.
const CALLING_CODES = new Map(
  (
    "US:1 CA:1 GB:44 IE:353 NL:31 BE:32 LU:352 FR:33 DE:49 AT:43 CH:41 IT:39 ES:34 PT:351 DK:45 SE:46 NO:47 " +
    "FI:358 PL:48 CZ:420 GR:30 TR:90 IL:972 ZA:27 NG:234 IN:91 CN:86 JP:81 KR:82 SG:65 AU:61 NZ:64 BR:55 MX:52 AR:54"
  )
    .split(" ")
    .map((pair) => [pair.split(":")[0], Number(pair.split(":")[1])] as const),
);

const BAD_COUNTRY =
  "invalid phone number: invalid or missing defaultCountry - this field is optional if the specified number is in the international format, but required if the number is in national format, use ISO 3166-1 alpha-2";

export function parsePhoneNumber(input: string, defaultCountry = ""): PhoneNumber {
  const country = defaultCountry.toUpperCase();
  const digits = input.replace(/\D/g, "");
  if (digits.length < 2) {
    throw new Error("invalid phone number: the string supplied did not seem to be a phone number");
  }
  let countryCode: number;
  let nationalDigits: string;
  if (input.trim().startsWith("+")) {
    const known = new Set(CALLING_CODES.values());
    const length = [3, 2, 1].find((n) => known.has(Number(digits.slice(0, n)))) ?? 2;
    countryCode = Number(digits.slice(0, length));
    nationalDigits = digits.slice(length);
  } else {
    const code = CALLING_CODES.get(country);
    if (code === undefined) throw new Error(BAD_COUNTRY);
    countryCode = code;
    // Drop the trunk prefix: "0" in most countries, "1" in the North American numbering plan.
    nationalDigits = code === 1 && digits.length === 11 ? digits.slice(1) : digits.replace(/^0/, "");
  }
  const national = Number(nationalDigits);
  return {
    input,
    defaultCountry: country,
    countryCode,
    national,
    nationalFormatted: countryCode === 1 ? nationalDigits : `0${nationalDigits}`,
    internationalFormatted: `+${countryCode} ${nationalDigits}`,
    valid: nationalDigits.length >= 6 && nationalDigits.length <= 12,
  };
}
