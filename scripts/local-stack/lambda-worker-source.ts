/**
 * The code each function's worker thread runs (evaluated as a CommonJS script, so it
 * needs no TypeScript loader in the worker). It imports the built bundle once, then
 * answers `invoke` messages one at a time, the way a Lambda execution environment does:
 * module scope runs once per cold start, the handler once per event.
 *
 * Messages in:  { id, payload: string (JSON event), deadline: epoch ms, requestId }
 * Messages out: { id, payload: string } | { id, error: { errorType, errorMessage, trace }, init?: true }
 */
export const LAMBDA_WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');

function describe(error, fallbackType) {
  if (error instanceof Error) {
    return {
      errorType: error.name || fallbackType,
      errorMessage: error.message,
      trace: String(error.stack || '').split('\n'),
    };
  }
  return { errorType: fallbackType, errorMessage: String(error), trace: [] };
}

let handler;
let initError;
const ready = (async () => {
  try {
    const mod = await import(workerData.bundleUrl);
    handler = mod[workerData.handlerName];
    if (typeof handler !== 'function') {
      initError = {
        errorType: 'Runtime.HandlerNotFound',
        errorMessage: 'index.' + workerData.handlerName + ' is undefined or not exported',
        trace: [],
      };
    }
  } catch (error) {
    initError = describe(error, 'Runtime.ImportModuleError');
  }
})();

function context(message) {
  return {
    functionName: workerData.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: workerData.functionArn,
    memoryLimitInMB: String(workerData.memoryMb),
    awsRequestId: message.requestId,
    logGroupName: '/aws/lambda/' + workerData.functionName,
    logStreamName: 'local/[$LATEST]' + workerData.functionName,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, message.deadline - Date.now()),
  };
}

function run(event, ctx) {
  // Callback-style handlers (three parameters) are still supported by the nodejs22.x runtime.
  if (handler.length >= 3) {
    return new Promise((resolve, reject) => {
      const done = (error, result) => (error ? reject(error) : resolve(result));
      Promise.resolve(handler(event, ctx, done)).then((r) => r !== undefined && resolve(r), reject);
    });
  }
  return handler(event, ctx);
}

parentPort.on('message', async (message) => {
  await ready;
  if (initError) {
    parentPort.postMessage({ id: message.id, error: initError, init: true });
    return;
  }
  let result;
  try {
    result = await run(JSON.parse(message.payload), context(message));
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: describe(error, 'Error') });
    return;
  }
  let payload;
  try {
    payload = JSON.stringify(result === undefined ? null : result);
  } catch {
    const error = { errorType: 'Runtime.MarshalError', errorMessage: 'Unable to stringify response body', trace: [] };
    parentPort.postMessage({ id: message.id, error });
    return;
  }
  parentPort.postMessage({ id: message.id, payload });
});
`;
