/* 账户管理（仅管理员）：列表、创建、停用 / 启用、重置密码、修改角色 */
import { $, clear, el } from './lib/dom.js';
import { api } from './lib/api.js';
import { fmtDateTime } from './lib/format.js';
import { roleEntries, roleLabel } from './lib/labels.js';
import { clearNotice, invalid, noticeLine, run, showNotice } from './lib/notice.js';
import { PASSWORD_MIN, USERNAME_RE, USERNAME_RULE } from './lib/rules.js';
import { askConfirm } from './confirm.js';
import { bindSecret, showSecret } from './secret.js';
import { isAdmin, state } from './state.js';
import { onTabShown } from './tabs.js';

function roleOptions(select, selected) {
  clear(select);
  for (const [code, label] of roleEntries()) {
    select.append(el('option', { value: code, selected: code === selected }, label));
  }
  return select;
}

const loadAccounts = () => (isAdmin() ? run(null, fetchAccounts) : undefined);

async function fetchAccounts() {
  const r = await api('GET', '/api/accounts');
  renderAccounts(r && Array.isArray(r.accounts) ? r.accounts : []);
}

function renderAccounts(accounts) {
  const me = state.me && state.me.username;
  const body = clear($('accounts-body'));
  const active = accounts.filter((a) => !a.disabled).length;
  $('accounts-count').textContent = `共 ${accounts.length} 个，${active} 个正常`;
  for (const a of accounts) body.append(accountRow(a, a.username === me));
}

function accountRow(a, self) {
  // 本人：重置密码会结束当前登录而丢失新密码，降级会失去管理权限，停用服务器也拒绝
  const selfNote = self ? '当前登录的账户：请用右上角“修改密码”；不能停用或改变自己的角色' : null;
  const button = (action, text, opts = {}) => el('button', {
    type: 'button', class: 'btn btn--sm' + (opts.danger ? ' btn--danger-outline' : ''),
    disabled: opts.disabled, title: opts.disabled ? selfNote : null,
    dataset: { action, testid: 'acc-' + action }, 'aria-label': `${text}（${a.username}）`,
  }, text);
  const select = roleOptions(el('select', {
    class: 'input input--sm select', 'aria-label': `${a.username} 的新角色`, disabled: self, title: selfNote,
    dataset: { testid: 'acc-role-select' },
  }), a.role);
  return el('tr', {
    class: a.disabled ? 'is-disabled' : null,
    dataset: { username: a.username, role: a.role, disabled: String(!!a.disabled), testid: 'account-row' },
  },
  el('th', { scope: 'row', class: 'strong' }, a.username, self ? el('span', { class: 'tag tag--self', text: '本人' }) : null),
  el('td', { dataset: { field: 'role' } }, roleLabel(a.role)),
  el('td', { dataset: { field: 'state' } }, el('span', {
    class: 'status ' + (a.disabled ? 'status--cancelled' : 'status--settled'),
  }, a.disabled ? '已停用' : '正常')),
  el('td', null, fmtDateTime(a.created_at)),
  el('td', null, fmtDateTime(a.password_changed_at)),
  el('td', null, el('div', { class: 'row-actions' }, select,
    button('role', '修改角色', { disabled: true }))),
  el('td', null, el('div', { class: 'row-actions' },
    button('reset', '重置密码', { disabled: self }),
    a.disabled
      ? button('enable', '启用')
      : button('disable', '停用', { danger: true, disabled: self }))));
}

async function createAccount(e) {
  e.preventDefault();
  clearNotice();
  const username = $('acc-username').value.trim();
  const role = $('acc-role').value;
  const password = $('acc-password').value;
  const refuse = (message, inputId) => {
    invalid(message, inputId);
    $(inputId).focus();
  };
  if (!USERNAME_RE.test(username)) return refuse(USERNAME_RULE, 'acc-username');
  if (password && password.length < PASSWORD_MIN) return refuse(`自设密码至少 ${PASSWORD_MIN} 位；留空则由系统生成`, 'acc-password');
  const body = { username, role };
  if (password) body.password = password;
  await run($('acc-create'), async () => {
    const r = (await api('POST', '/api/accounts', body)) || {};
    $('acc-username').value = '';
    $('acc-password').value = '';
    const who = `${r.username || username}（${roleLabel(r.role || role)}）`;
    if (r.password) showSecret(`新账户 ${who} 的初始密码`, r.password);
    else showNotice(noticeLine('已创建账户', ` ${who}，初始密码为您设定的密码。`));
    await fetchAccounts();
  });
}

async function onAccountAction(e) {
  const btn = e.target.closest('button[data-action]');
  if (!btn || btn.disabled) return;
  const row = btn.closest('tr');
  const username = row.dataset.username;
  const action = btn.dataset.action;
  const path = `/api/accounts/${encodeURIComponent(username)}`;
  if (action === 'disable' && !(await askConfirm('停用账户',
    `停用 ${username} 后，该账户立即退出登录且无法再登录，直到重新启用。`, '确认停用'))) return;
  if (action === 'reset' && !(await askConfirm('重置密码',
    `为 ${username} 生成新的随机密码。原密码立即失效，该账户需用新密码重新登录。`, '确认重置'))) return;
  clearNotice();
  const done = await run(btn, async () => {
    if (action === 'reset') {
      const r = (await api('POST', `${path}/password`, {})) || {};
      showSecret(`账户 ${username} 的新密码`, r.password || '');
    } else if (action === 'role') {
      const role = row.querySelector('select').value;
      await api('POST', `${path}/role`, { role });
      showNotice(noticeLine('已修改角色', `：${username} 现为${roleLabel(role)}，该账户需重新登录。`));
    } else {
      await api('POST', `${path}/${action}`, {});
      showNotice(noticeLine(action === 'disable' ? '已停用账户' : '已启用账户', ` ${username}。`));
    }
    await fetchAccounts();
    return true;
  });
  if (done) refocusRow(username, action);
}

/** 表格重绘后把焦点放回同一行（停用 ↔ 启用 互换） */
function refocusRow(username, action) {
  const next = { disable: 'enable', enable: 'disable' }[action] || action;
  const row = [...$('accounts-body').rows].find((tr) => tr.dataset.username === username);
  const target = row && (row.querySelector(`[data-action="${next}"]:not(:disabled)`) || row.querySelector('select:not(:disabled)'));
  if (target && $('acc-new-password').hidden) target.focus();
}

function onAccountRoleChange(e) {
  const select = e.target.closest('select');
  if (!select) return;
  const row = select.closest('tr');
  row.querySelector('[data-action="role"]').disabled = select.value === row.dataset.role;
}

/** 新建账户的角色下拉框：在角色名称读取之后 */
export function fillRoleChoices() {
  roleOptions($('acc-role'), 'clerk');
}

export function bindAccounts() {
  $('acc-form').addEventListener('submit', createAccount);
  $('accounts-body').addEventListener('click', onAccountAction);
  $('accounts-body').addEventListener('change', onAccountRoleChange);
  bindSecret();
  onTabShown('accounts', loadAccounts);
}
