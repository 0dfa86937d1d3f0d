/* 出院结算窗口 —— 收费处前端（原生 JS 模块，无构建步骤）：各功能模块在此接线并启动 */
import { $, show } from './lib/dom.js';
import { api, ApiError, logout } from './lib/api.js';
import { loadLabels, roleLabel } from './lib/labels.js';
import { clearErrors, clearNotice, showErrors } from './lib/notice.js';
import { bindAccounts, fillRoleChoices } from './accounts.js';
import { bindAudit } from './audit.js';
import { bindPassword } from './password.js';
import { bindPresettle } from './presettle.js';
import { bindPrint } from './print.js';
import { bindReason } from './reason.js';
import { bindRecon, updateCsvLink } from './recon.js';
import { bindRetroactive } from './retroactive.js';
import { bindSearch } from './search.js';
import { isAdmin, isSupervisor, state } from './state.js';
import { bindTabs } from './tabs.js';
import { openVisit } from './visit.js';
import { bindWorking } from './working.js';

function bind() {
  bindSearch();
  $('error-close').addEventListener('click', clearErrors);
  $('notice-close').addEventListener('click', clearNotice);
  $('logout').addEventListener('click', () => {
    $('logout').disabled = true;
    logout();
  });
  bindPassword();
  bindTabs();
  bindPresettle();
  bindPrint();
  bindReason();
  bindWorking();
  bindRecon();
  bindAudit();
  bindAccounts();
  bindRetroactive();
}

/** 页头：医院、当前用户与角色；按角色显示标签页 */
function renderHeader(me) {
  $('hdr-hospital').textContent = me.hospital_name || '';
  $('hdr-user').textContent = me.username || '';
  $('hdr-role').textContent = roleLabel(me.role);
  $('hdr-role').dataset.role = me.role || '';
  document.title = `出院结算窗口 · ${me.hospital_name || ''}`;
  show($('tab-audit'), isSupervisor());
  show($('tab-accounts'), isAdmin());
  show($('to-interface'), isAdmin());   // the integration page (message browser, outbound queue, dashboard)
}

function visitFromHash() {
  const m = /^#visit=(.+)$/.exec(location.hash);
  if (!m) return null;
  try { return decodeURIComponent(m[1]); } catch (e) { return null; }
}

async function init() {
  bind();
  let me;
  try {
    [me] = await Promise.all([api('GET', '/api/me'), loadLabels()]);
  } catch (e) {
    if (e instanceof ApiError && e.silent) return; // 跳转登录中
    document.body.classList.remove('is-loading');
    showErrors(e instanceof ApiError ? e.errors : ['页面初始化失败']);
    return;
  }
  state.me = me || {};
  fillRoleChoices();
  // 对账、审计日志的默认日期：医院所在时区的今天（服务端时钟），与收费员电脑的时区无关
  if (state.me.today) {
    $('recon-date').value = state.me.today;
    $('audit-date').value = state.me.today;
  }
  updateCsvLink();
  renderHeader(state.me);
  document.body.classList.remove('is-loading');
  document.body.dataset.role = state.me.role || '';

  window.addEventListener('hashchange', () => {
    const id = visitFromHash();
    if (id && (!state.visit || state.visit.mdtrt_id !== id)) openVisit(id);
  });
  const id = visitFromHash();
  if (id) {
    $('search-q').value = id;
    await openVisit(id);
  } else {
    $('search-q').focus();
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
