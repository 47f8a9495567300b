/**
 * The API behind the example page in web/: a small todo list. The page is served from another
 * origin (web/serve.mjs, or S3/CloudFront once deployed), so every route allows CORS.
 *
 *   npx chalice local                                  # the API on http://127.0.0.1:8000
 *   npx chalice generate-sdk --typescript web/sdk      # regenerate web/sdk after changing routes
 *   node web/serve.mjs                                 # the page on http://127.0.0.1:8080
 */
import { BadRequestError, Chalice, NotFoundError, Response } from 'chalice-ts';

export const app = new Chalice({ appName: 'todos' });
app.api.cors = true;

interface Todo {
  readonly id: number;
  readonly title: string;
  readonly done: boolean;
}

const todos = new Map<number, Todo>();
let nextId = 1;

app.route('/todos', function listTodos(_params, request) {
  const done = request.queryParams?.get('done') ?? null;
  const all = [...todos.values()];
  return done === null ? all : all.filter((todo) => String(todo.done) === done);
});

app.route('/todos', { methods: ['POST'] }, function addTodo(_params, request) {
  const body = request.jsonBody as { title?: unknown } | null;
  if (typeof body?.title !== 'string' || body.title.trim() === '') throw new BadRequestError('Send a JSON body like {"title": "buy milk"}');
  const todo: Todo = { id: nextId++, title: body.title.trim(), done: false };
  todos.set(todo.id, todo);
  return new Response({ statusCode: 201, body: todo, headers: { Location: `/todos/${todo.id}` } });
});

app.route('/todos/{id}', function getTodo({ id }) {
  const todo = todos.get(Number(id));
  if (todo === undefined) throw new NotFoundError(`No todo ${id}`);
  return todo;
});

app.route('/todos/{id}', { methods: ['PUT'] }, function updateTodo({ id }, request) {
  const todo = todos.get(Number(id));
  if (todo === undefined) throw new NotFoundError(`No todo ${id}`);
  const body = (request.jsonBody ?? {}) as { title?: unknown; done?: unknown };
  const updated: Todo = {
    ...todo,
    ...(typeof body.title === 'string' ? { title: body.title } : {}),
    ...(typeof body.done === 'boolean' ? { done: body.done } : {}),
  };
  todos.set(updated.id, updated);
  return updated;
});

app.route('/todos/{id}', { methods: ['DELETE'] }, function deleteTodo({ id }) {
  if (!todos.delete(Number(id))) throw new NotFoundError(`No todo ${id}`);
  return new Response({ statusCode: 204, body: '' });
});

/** Needs an API key (`chalice local --api-key KEY`, or a usage plan once deployed). */
app.route('/stats', { apiKeyRequired: true }, function stats() {
  const all = [...todos.values()];
  return { total: all.length, done: all.filter((todo) => todo.done).length };
});
