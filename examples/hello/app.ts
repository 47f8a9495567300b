/**
 * The example app `npm start` serves: a hello route, a path parameter, a JSON POST and a
 * route with CORS. Try it:
 *   curl http://127.0.0.1:8000/
 *   curl http://127.0.0.1:8000/hello/alice
 *   curl -X POST -H 'Content-Type: application/json' -d '{"title":"buy milk"}' http://127.0.0.1:8000/todos
 *   curl -i -X OPTIONS -H 'Origin: https://example.com' http://127.0.0.1:8000/public
 */
import { BadRequestError, Chalice, CORSConfig, NotFoundError } from 'chalice-ts';

export const app = new Chalice({ appName: 'hello' });

interface Todo {
  readonly id: number;
  readonly title: string;
}

const todos = new Map<number, Todo>();

app.route('/', function index() {
  return { hello: 'world' };
});

app.route('/hello/{name}', function helloName({ name }) {
  return { hello: decodeURIComponent(name), greeting: process.env.GREETING ?? 'hello' };
});

app.route('/todos', { methods: ['POST'] }, function createTodo(_params, request) {
  const body = request.jsonBody as { title?: unknown } | null;
  if (typeof body?.title !== 'string' || body.title === '') throw new BadRequestError('Send a JSON body like {"title": "buy milk"}');
  const todo: Todo = { id: todos.size + 1, title: body.title };
  todos.set(todo.id, todo);
  return todo;
});

app.route('/todos/{id}', function getTodo({ id }) {
  const todo = todos.get(Number(id));
  if (!todo) throw new NotFoundError(`No todo ${id}`);
  return todo;
});

app.route('/public', { cors: new CORSConfig({ allowOrigin: '*', maxAge: 600 }) }, function publicData() {
  return { public: true, requestedBy: app.currentRequest?.headers.get('user-agent') ?? null };
});
