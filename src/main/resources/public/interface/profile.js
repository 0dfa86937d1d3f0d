/* 消息规范：每种消息（HIS 发来的、本系统发出的）的段与字段，用法（必填 / 有则必填 / 可选 / 条件必填）、次数、映射值与代码表 */
import { $, clear, el } from '/counter/lib/dom.js';
import { api } from '/counter/lib/api.js';

let profile = null;

/** 值的检查方式（映射值）或本系统写出的格式 */
const CHECKS = {
  money: '金额（元，不为负，至多两位小数）', amount: '金额（两位小数）', date: '日期 YYYYMMDD', datetime: 'HL7 日期时间',
  dtm: 'HL7 日期时间（含时差）', admdvs: '6 位医保区划代码', decimal: '数（不为负）', rate: '比例 0–1',
};

function render() {
  const m = profile.messages.find((x) => x.type === $('prof-type').value) || profile.messages[0];
  $('prof-about').textContent = m.direction === 'inbound'
    ? `HIS 发来；按 HL7 v2.5 的 ${m.structure} 结构读取；应答：${m.answer}`
    : '本系统发出';
  const usage = (u) => `${profile.usage[u] || u} ${u}`;
  const body = clear($('prof-table').tBodies[0]);
  for (const s of m.segments) {
    const count = `${s.min}..${s.max}${s.follows ? `（每个 ${s.follows} 之后）` : ''}`;
    body.append(el('tr', { class: 'prof-seg', dataset: { segment: s.id }, 'data-testid': 'prof-seg' },
      el('th', { scope: 'row', class: 'mono', text: s.id }), el('td'), el('td', { text: usage(s.usage) }), el('td', { class: 'mono', text: count }),
      el('td', { text: s.zh || '' }), el('td'), el('td'), el('td', { text: s.condition || '' })));
    for (const f of s.fields) {
      const notes = [CHECKS[f.check] || '', f.table ? `代码表 ${f.table}` : '', f.condition || '',
        f.versions ? `仅用于 v${f.versions.split(' ').join('、')}` : ''].filter(Boolean).join('；');
      body.append(el('tr', { dataset: { path: f.path, usage: f.usage }, 'data-testid': 'prof-field' },
        el('td'), el('td', { class: 'mono', text: f.path }), el('td', { text: usage(f.usage) }), el('td', { class: 'mono', text: `${f.min}..${f.max}` }),
        el('td', { text: f.zh || '' }), el('td', { class: 'mono', text: f.value || '' }),
        el('td', { text: f.hl7_name ? `${f.hl7_name}（${f.datatype}）` : f.datatype || '' }), el('td', { text: notes })));
    }
  }
}

/** 第一次打开时读取规范 */
export async function loadProfile() {
  if (!profile) {
    profile = await api('GET', '/api/hl7/profile');
    const sel = clear($('prof-type'));
    for (const m of profile.messages) sel.append(el('option', { value: m.type, text: `${m.zh} ${m.type}` }));
    sel.addEventListener('change', render);
    $('prof-usage').textContent = `用法：${Object.entries(profile.usage).map(([k, v]) => `${k} ${v}`).join('，')}。映射文件：${profile.mapping}`;
  }
  render();
}
