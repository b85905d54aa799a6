import { ChildrenResponse } from '@shared/contracts/people';
import { api } from '../../lib/api';

/** A guardian's children with what they may see of each (GET /api/me/children): one query, shared by every page. */
export const childrenQuery = { queryKey: ['children'], queryFn: () => api.get('/api/me/children', ChildrenResponse) };
