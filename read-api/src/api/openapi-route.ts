export { registerOpenApiRoute } from '../openapi/index.ts';
