// Guards operator routes: "X-Operator-Token: <OPERATOR_TOKEN>" or "Authorization: Bearer
// <OPERATOR_TOKEN>", compared in constant time.
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { sameSecret } from '../keys/crypto.ts';

export function operatorGuard(operatorToken: string) {
  return async (request: FastifyRequest): Promise<void> => {
    const header =
      request.headers['x-operator-token'] ?? request.headers.authorization?.replace(/^Bearer\s+/i, '');
    const given = typeof header === 'string' ? header : '';
    if (!given || !sameSecret(given, operatorToken)) {
      throw new AppError(
        401,
        'OPERATOR_ONLY',
        'This is an operator endpoint: send the operator token as "X-Operator-Token: <token>" or "Authorization: Bearer <token>".',
      );
    }
  };
}
