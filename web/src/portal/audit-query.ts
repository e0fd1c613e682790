import { withQuery, type Query } from '../app/api.js';
export { api } from '../app/session.js';

export function withQueryPublic(path: string, query: Query): string {
  return withQuery(path, query);
}
