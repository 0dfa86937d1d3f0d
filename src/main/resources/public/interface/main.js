/* 接口管理 —— 接口人员（接口、系统管理员）的页面：报文查询与重新处理、外发队列、运行监控、消息规范（原生 JS 模块，无构建步骤） */
import { $, show } from '/counter/lib/dom.js';
import { api, ApiError, logout } from '/counter/lib/api.js';
import { clearErrors, clearNotice, run, showErrors } from '/counter/lib/notice.js';
import { bindMessages, searchMessages } from './messages.js';
import { dashboardShown } from './dashboard.js';
import { bindOutbound, loadOutbound } from './outbound.js';
import { openMessage } from './message.js';
import { makeTabs } from '/counter/lib/tabs.js';
import { loadProfile } from './profile.js';

let selectTab = null;

function bindTabs() {
  selectTab = makeTabs(['messages', 'outbound', 'dashboard', 'profile'], (name) => {
    dashboardShown(name === 'dashboard');
    if (name === 'outbound') run(null, loadOutbound);
    if (name === 'profile') run(null, loadProfile);
  });
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
