// Loaded with 'node --require' before kinesis-mock: it has no bind-host option, so every
// TCP listener it opens is moved to 127.0.0.1 (clickpulse listens on loopback only).
'use strict';
// Force every Node TCP listener (net.Server, and tls/http/https servers that inherit
// from it) onto a loopback host. Usage: node --require /path/preload.js main.js
const net = require('net');
const HOST = process.env.BIND_HOST || '127.0.0.1';
const origListen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const a0 = args[0];
  if (a0 !== null && typeof a0 === 'object' && !Array.isArray(a0)) {
    // listen(options[, cb]) -- only rewrite TCP options, not handles / unix sockets
    if (a0.path === undefined && a0.handle === undefined && a0._handle === undefined && a0.fd === undefined) {
      args[0] = Object.assign({}, a0, { host: HOST });
    }
  } else if (typeof a0 === 'number' || (typeof a0 === 'string' && /^\d+$/.test(a0))) {
    // listen(port[, host][, backlog][, cb])
    if (typeof args[1] === 'string') args[1] = HOST;
    else args.splice(1, 0, HOST);
  }
  return origListen.apply(this, args);
};
