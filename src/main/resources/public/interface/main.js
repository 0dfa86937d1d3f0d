/* 接口管理 —— 接口人员（接口、系统管理员）的页面：报文查询与重新处理（原生 JS 模块，无构建步骤） */
import { $, show } from '/counter/lib/dom.js';
import { api, ApiError, logout } from '/counter/lib/api.js';
import { clearErrors, clearNotice, showErrors } from '/counter/lib/notice.js';
import { bindMessages, searchMessages } from './messages.js';
import { dashboardShown } from './dashboard.js';
import { bindOutbound, loadOutbound } from './outbound.js';
import { openMessage } from './message.js';
import { run } from '/counter/lib/notice.js';

const TABS = ['messages', 'outbound', 'dashboard'];

function selectTab(name, focus = false) {
  for (const t of TABS) {
    const on = t === name;
    const tab = $('tab-' + t);
    tab.setAttribute('aria-selected', on ? 'true' : 'false');
    tab.tabIndex = on ? 0 : -1;
    tab.classList.toggle('is-active', on);
    show($('panel-' + t), on);
    if (on && focus) tab.focus();
  }
  clearErrors();
  clearNotice();
  dashboardShown(name === 'dashboard');
  if (name === 'outbound') run(null, loadOutbound);
}

function bindTabs() {
  for (const t of TABS) {
    $('tab-' + t).addEventListener('click', () => selectTab(t));
    $('tab-' + t).addEventListener('keydown', (e) => {
      const i = TABS.indexOf(t);
      const next = e.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(i + TABS.length - 1) % TABS.length] : null;
      if (next) { e.preventDefault(); selectTab(next, true); }
    });
  }
}

async function init() {
  $('error-close').addEventListener('click', clearErrors);
  $('notice-close').addEventListener('click', clearNotice);
  $('logout').addEventListener('click', () => {
    $('logout').disabled = true;
    logout();
  });
  bindMessages();
  bindOutbound((id) => { selectTab('messages'); openMessage(id); });
  bindTabs();
  let me;
  try {
    me = await api('GET', '/api/me');
  } catch (e) {
    if (e instanceof ApiError && e.silent) return; // 跳转登录中
    document.body.classList.remove('is-loading');
    showErrors(e instanceof ApiError ? e.errors : ['页面初始化失败']);
    return;
  }
  $('hdr-hospital').textContent = me.hospital_name || '';
  $('hdr-user').textContent = me.username || '';
  $('hdr-role').textContent = me.role_name || me.role || '';
  $('hdr-role').dataset.role = me.role || '';
  show($('to-counter'), me.role === 'admin');
  document.title = `接口管理 · ${me.hospital_name || ''}`;
  document.body.classList.remove('is-loading');
  await searchMessages();
  $('msg-visit').focus();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
