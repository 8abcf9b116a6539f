/** kv key of the last capture the background could not store; the popup shows it until dismissed. */
export const CAPTURE_ERROR_KEY = 'capture.lastError';
