// The newsroom's entry: every page registers its address, then the app starts.
import { addRoute, start } from './router';
import { articleList } from './list';
import { articleEditor } from './editor';
import { mediaLibrary } from './media';
import { deletedPage, tokensPage, usersPage, webhooksPage } from './admin';

addRoute({ pattern: /^#?\/?$/, render: () => articleList() });
addRoute({ pattern: /^#\/articles(?:\?.*)?$/, render: () => articleList() });
addRoute({ pattern: /^#\/articles\/new$/, render: () => articleEditor(null) });
addRoute({ pattern: /^#\/articles\/([0-9a-f-]{36})$/, render: (m) => articleEditor(m[1] ?? null) });
addRoute({ pattern: /^#\/media$/, render: () => mediaLibrary() });
addRoute({ pattern: /^#\/deleted$/, render: () => deletedPage(), role: 'editor' });
addRoute({ pattern: /^#\/users(?:\?.*)?$/, render: () => usersPage(), role: 'admin' });
addRoute({ pattern: /^#\/tokens$/, render: () => tokensPage(), role: 'admin' });
addRoute({ pattern: /^#\/webhooks$/, render: () => webhooksPage(), role: 'admin' });

void start();
