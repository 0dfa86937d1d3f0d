/* 修改密码（本人）：改后服务器结束本账户的所有登录，页面回到登录页 */
import { $, clear, el, show } from './lib/dom.js';
import { api, ApiError } from './lib/api.js';
import { pageError } from './lib/notice.js';
import { PASSWORD_MIN } from './lib/rules.js';
import { state } from './state.js';

function openPassword() {
  $('pw-form').reset();
  $('pw-username').value = (state.me && state.me.username) || '';
  showPasswordErrors([]);
  show($('pw-done'), false);
  setPasswordBusy(false);
  updatePasswordHints();
  $('pw-dialog').showModal();
  $('pw-old').focus();
}

function showPasswordErrors(errors, inputId) {
  const list = clear($('pw-error-list'));
  errors.forEach((t) => list.append(el('li', { text: t })));
  show($('pw-error'), errors.length > 0);
  ['pw-old', 'pw-new', 'pw-new2'].forEach((id) => $(id).removeAttribute('aria-invalid'));
  if (inputId) {
    $(inputId).setAttribute('aria-invalid', 'true');
    $(inputId).focus();
  }
}

function setPasswordBusy(busy) {
  ['pw-old', 'pw-new', 'pw-new2', 'pw-confirm', 'pw-cancel'].forEach((id) => { $(id).disabled = busy; });
  if (busy) $('pw-confirm').setAttribute('aria-busy', 'true'); else $('pw-confirm').removeAttribute('aria-busy');
}

/** 输入时的提示：新密码长度、两次是否一致 */
function updatePasswordHints() {
  const neu = $('pw-new').value;
  const again = $('pw-new2').value;
  const help = $('pw-new-help');
  const help2 = $('pw-new2-help');
  help.textContent = neu.length === 0 || neu.length >= PASSWORD_MIN
    ? `至少 ${PASSWORD_MIN} 位，不能与用户名相同。`
    : `至少 ${PASSWORD_MIN} 位，不能与用户名相同（已输入 ${neu.length} 位）。`;
  help.classList.toggle('is-ok', neu.length >= PASSWORD_MIN);
  const mismatch = again !== '' && again !== neu;
  help2.textContent = mismatch ? '两次输入的新密码不一致' : '修改后当前登录随即结束，需用新密码重新登录。';
  help2.classList.toggle('is-error', mismatch);
}

async function submitPassword(e) {
  e.preventDefault();
  const old = $('pw-old').value;
  const neu = $('pw-new').value;
  if (!old) return showPasswordErrors(['请输入当前密码'], 'pw-old');
  if (neu.length < PASSWORD_MIN) return showPasswordErrors([`新密码至少 ${PASSWORD_MIN} 位`], 'pw-new');
  if ($('pw-new2').value !== neu) return showPasswordErrors(['两次输入的新密码不一致'], 'pw-new2');
  if (neu === old) return showPasswordErrors(['新密码不能与当前密码相同'], 'pw-new');
  showPasswordErrors([]);
  setPasswordBusy(true);
  try {
    await api('POST', '/api/me/password', { old, new: neu });
  } catch (err) {
    setPasswordBusy(false);
    if (err instanceof ApiError && err.silent) return;
    const errors = err instanceof ApiError ? err.errors : [pageError(err)];
    showPasswordErrors(errors, err instanceof ApiError && err.status === 403 ? 'pw-old' : 'pw-new');
    return;
  }
  // 服务器已结束本账户的所有登录：提示后回到登录页
  $('pw-form').reset();
  show($('pw-done'), true);
  setTimeout(() => window.location.assign('/login?changed=1'), 1200);
}

function closePassword() {
  if ($('pw-confirm').getAttribute('aria-busy') === 'true') return;
  $('pw-form').reset();
  $('pw-dialog').close();
}

export function bindPassword() {
  $('change-password').addEventListener('click', openPassword);
  $('pw-form').addEventListener('submit', submitPassword);
  $('pw-form').addEventListener('input', updatePasswordHints);
  $('pw-cancel').addEventListener('click', closePassword);
  $('pw-close').addEventListener('click', closePassword);
  $('pw-dialog').addEventListener('cancel', (e) => { e.preventDefault(); closePassword(); });
}
