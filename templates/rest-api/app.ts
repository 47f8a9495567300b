import { Chalice } from 'chalice-ts';

export const app = new Chalice({ appName: '{{appName}}' });

app.route('/', function index() {
  return { hello: 'world' };
});

// Path parameters arrive typed from the path:
// app.route('/users/{name}', function user({ name }) {
//   return { name };
// });

// POST bodies are in request.jsonBody:
// app.route('/users', { methods: ['POST'] }, function createUser(_params, request) {
//   return { user: request.jsonBody };
// });
