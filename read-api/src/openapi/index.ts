// The read API's OpenAPI 3.1 document, generated from the valibot schemas the routes use, and the
// response schemas that describe exactly what the presenters answer.
export * from './response-schemas.ts';
export * from './operations.ts';
export { buildOpenApiDocument, openApiDocument, type OpenApiDocument } from './openapi-document.ts';
export { registerOpenApiRoute } from './openapi-route.ts';
