/**
 * Who is looking at the dashboard, as the pages need it: the role picks what is shown (owners get
 * no event-trail links), the name goes in the header, and the CSRF token goes in every POST form.
 */
export type Viewer = { role: 'owner' | 'admin' | 'auditor'; name: string; csrfToken: string };

/** Event trails are evidence for auditors and admins; owners read their data through the read models. */
export const seesTrails = (viewer: Viewer): boolean => viewer.role !== 'owner';
