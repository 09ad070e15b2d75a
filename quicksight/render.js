// Renders one QuickSight request body for the AWS CLI: ${VAR} placeholders from the environment,
// the shared definition.json merged in as "Definition", and members an update call does not take
// removed. usage: node render.js FILE OUT [--definition FILE] [--drop Key,Key]
'use strict';
const fs = require('fs');
const args = process.argv.slice(2);
const [file, out] = args;
const opt = (name) => { const i = args.indexOf(name); return i < 0 ? null : args[i + 1]; };
const fill = (text, from) => text.replace(/\$\{([A-Z_]+)\}/g, (m, v) => {
  if (process.env[v] === undefined) { console.error(`${from}: ${v} is not set`); process.exit(2); }
  return process.env[v];
});
const body = JSON.parse(fill(fs.readFileSync(file, 'utf8'), file));
if (opt('--definition')) {
  body.Definition = JSON.parse(fill(fs.readFileSync(opt('--definition'), 'utf8'), opt('--definition')));
}
for (const key of (opt('--drop') || '').split(',').filter(Boolean)) {
  delete body[key];
}
fs.writeFileSync(out, JSON.stringify(body, null, 2));
