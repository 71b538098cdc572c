import { ResponseError } from '@backstage/errors';

/**
 * The error the NetworkClient throws for a refused request: a ResponseError read from a
 * backend answer with `status` and the body `{ error: { name, message } }`.
 */
export function responseError(
  status: number,
  name: string,
  message: string,
  statusText = String(status),
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(JSON.stringify({ error: { name, message } }), {
      status,
      statusText,
      headers: { 'content-type': 'application/json' },
    }) as any,
  );
}
