// The page's script: every call goes through the typed client `chalice generate-sdk
// --typescript web/sdk` wrote from app.ts (sdk/client.js, types in sdk/client.ts).
import { ApiError, createClient } from './sdk/client.js';

const apiUrl = new URLSearchParams(location.search).get('api') ?? 'http://127.0.0.1:8000';
const $ = (id) => document.getElementById(id);
$('api-url').textContent = apiUrl;

let apiKey = '';
const api = createClient({
  baseUrl: apiUrl,
  // Called before each request, so the key typed into the page is used from then on.
  headers: () => (apiKey === '' ? {} : { 'x-api-key': apiKey }),
});

/** Shows an error the way the client reports it: Chalice's Code, the status and the Message. */
function showError(error) {
  $('status').textContent =
    error instanceof ApiError
      ? `${error.name} (${error.status}): ${error.message}`
      : // fetch hides any answer without CORS headers, such as API Gateway's own 403 for a missing API key.
        `Request failed: ${error.message} (the API is unreachable, or answered without CORS headers)`;
}

async function run(action) {
  $('status').textContent = '';
  try {
    await action();
  } catch (error) {
    showError(error);
  }
}

async function render() {
  const todos = await api.todosGet();
  $('todos').replaceChildren(
    ...todos.map((todo) => {
      const item = document.createElement('li');
      item.dataset.id = String(todo.id);
      item.className = todo.done ? 'done' : '';
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.checked = todo.done;
      box.addEventListener('change', () => run(async () => {
        await api.todosIdPut({ id: todo.id }, { done: box.checked });
        await render();
      }));
      const title = document.createElement('span');
      title.textContent = `#${todo.id} ${todo.title}`;
      const remove = document.createElement('button');
      remove.textContent = 'Delete';
      remove.addEventListener('click', () => run(async () => {
        await api.todosIdDelete({ id: todo.id });
        await render();
      }));
      item.append(box, title, remove);
      return item;
    }),
  );
  document.body.dataset.ready = 'true';
}

$('add-form').addEventListener('submit', (event) => {
  event.preventDefault();
  run(async () => {
    await api.todosPost({ title: $('title').value });
    $('title').value = '';
    await render();
  });
});

$('find-form').addEventListener('submit', (event) => {
  event.preventDefault();
  $('found').textContent = '';
  run(async () => {
    const todo = await api.todosIdGet({ id: $('find-id').value });
    $('found').textContent = `#${todo.id} ${todo.title}${todo.done ? ' (done)' : ''}`;
  });
});

$('stats-form').addEventListener('submit', (event) => {
  event.preventDefault();
  apiKey = $('api-key').value;
  $('stats').textContent = '';
  run(async () => {
    const stats = await api.statsGet();
    $('stats').textContent = `${stats.done} of ${stats.total} done`;
  });
});

run(render);
