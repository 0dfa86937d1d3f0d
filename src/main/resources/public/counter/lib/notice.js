/* 页面顶部的提示条（错误、完成提示）与统一的用户操作执行 */
import { ApiError } from './api.js';
import { $, append, clear, el, show } from './dom.js';

// 服务器错误的 field → 标红的输入框
const FIELD_INPUTS = { q: 'search-q', reason: 'reason-text', date: null };

export function clearErrors() {
  show($('error-banner'), false);
  clear($('error-list'));
  document.querySelectorAll('[aria-invalid="true"]').forEach((n) => n.removeAttribute('aria-invalid'));
}

export function showErrors(errors, field) {
  const list = clear($('error-list'));
  errors.forEach((t) => list.append(el('li', { text: t })));
  show($('error-banner'), true);
  let inputId = field ? FIELD_INPUTS[field] : null;
  if (field === 'date') inputId = $('panel-audit').hidden ? 'recon-date' : 'audit-date';
  if (field && inputId === undefined && $(field)) inputId = field;
  if (inputId && $(inputId)) $(inputId).setAttribute('aria-invalid', 'true');
  $('error-banner').scrollIntoView({ block: 'nearest', behavior: 'smooth' });
}

/** 页面上的输入未通过检查：只显示这一条错误 */
export function invalid(message, field) {
  clearErrors();
  showErrors([message], field);
}

export function clearNotice() {
  show($('notice-banner'), false);
  clear($('notice-body'));
}

export function showNotice(...nodes) {
  append(clear($('notice-body')), nodes);
  show($('notice-banner'), true);
}

/** 提示一行：加粗的结果 + 说明 */
export function noticeLine(done, rest) {
  return el('p', null, el('strong', { text: done }), rest);
}

/** 页面自身出错（非服务器错误）时的说明 */
export const pageError = (e) => '页面处理出错：' + (e && e.message ? e.message : String(e));

/** 执行一个用户操作：清除旧错误、按钮忙碌态、统一错误展示 */
export async function run(button, fn) {
  clearErrors();
  if (button) {
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
  }
  document.body.classList.add('is-busy');
  try {
    return await fn();
  } catch (e) {
    if (e instanceof ApiError) {
      if (!e.silent) showErrors(e.errors, e.field);
    } else {
      console.error(e);
      showErrors([pageError(e)]);
    }
    return undefined;
  } finally {
    document.body.classList.remove('is-busy');
    if (button) {
      button.removeAttribute('aria-busy');
      button.disabled = !!button.dataset.locked;
    }
  }
}
