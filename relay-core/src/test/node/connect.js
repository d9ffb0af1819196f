// node-oracledb in Thin mode connects once and prints what happened as one JSON line: the tnsrelay tests' client.
// usage: node connect.js CONNECT_STRING WALLET_DIR   (the wallet's password, if any, in $NODE_WALLET_PASSWORD)
'use strict';
const oracledb = require('oracledb');

async function main() {
  const [connectString, walletLocation] = process.argv.slice(2);
  try {
    const connection = await oracledb.getConnection({
      user: 'scott', password: 'tiger', connectString, walletLocation,
      walletPassword: process.env.NODE_WALLET_PASSWORD, connectTimeout: 15, transportConnectTimeout: 15,
    });
    await connection.close();
    console.log(JSON.stringify({connected: true}));
  } catch (e) {
    console.log(JSON.stringify({connected: false, errorNum: e.errorNum || 0, code: e.code || '', message: e.message}));
  }
}

main();
