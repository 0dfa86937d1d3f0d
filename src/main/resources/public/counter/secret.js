/* 新账户或重置后的密码：只显示这一次，可复制 */
import { $, append, clear, el, show } from './lib/dom.js';

export function showSecret(title, password) {
  $('acc-new-password-title').textContent = title;
  // 每 4 位一组显示，便于核对和转述；组间只是 CSS 间距，复制得到的仍是原密码
  const chunks = password.match(/.{1,4}/g) || [];
  append(clear($('acc-new-password-value')), chunks.map((c) => el('span', { class: 'secret__chunk' }, c)));
  $('acc-copy-status').textContent = '';
  const box = $('acc-new-password');
  show(box, true);
  box.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  box.focus();
}

function closeSecret() {
  clear($('acc-new-password-value'));
  $('acc-copy-status').textContent = '';
  show($('acc-new-password'), false);
  $('acc-username').focus();
}

async function copySecret() {
  const node = $('acc-new-password-value');
  let ok = false;
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(node.textContent);
      ok = true;
    }
  } catch (e) {
    ok = false;
  }
  if (!ok) {
    // 非 https 的内网地址没有 clipboard API：选中文字后用 execCommand 复制；失败时保留选中，便于 Ctrl+C
    const range = document.createRange();
    range.selectNodeContents(node);
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
  }
  $('acc-copy-status').textContent = ok ? '已复制到剪贴板' : '请按 Ctrl+C 复制已选中的密码';
}

export function bindSecret() {
  $('acc-copy').addEventListener('click', copySecret);
  $('acc-new-password-close').addEventListener('click', closeSecret);
}
