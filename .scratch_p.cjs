const libs = { max: require('libphonenumber-js/max'), min: require('libphonenumber-js/min'), def: require('libphonenumber-js') };
for (const u of ['123 ', '1 ']) {
  const s = u.repeat(2.5e5 / u.length * 4);
  Error.stackTraceLimit = 0;
  for (const [n, lib] of Object.entries(libs)) for (const ext of [true, false]) { const t = Date.now(); lib.findPhoneNumbersInText(s, { defaultCountry: 'US', extended: ext }); console.log(JSON.stringify(u), n, ext, Date.now() - t); }
}
