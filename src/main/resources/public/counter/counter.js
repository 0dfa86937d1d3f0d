/* 出院结算窗口 —— 收费处前端（原生 JS，无构建步骤） */
'use strict';

(() => {
  // ------------------------------------------------------------------ 常量
  const ROLE_LABELS = { clerk: '收费员', supervisor: '主管', integration: '接口', admin: '管理员' };
  const STATUS_LABELS = { admitted: '在院', settled: '已结算', cancelled: '已撤销' };
  const INSUTYPE_LABELS = { '310': '职工基本医疗保险', '390': '城乡居民基本医疗保险' };
  const MED_TYPE_LABELS = { '11': '普通门诊', '14': '门诊慢特病', '21': '普通住院' };
  const LAYER_LABELS = {
    basic: '基本医保',
    critical_illness: '大病保险',
    special_drug: '特药',
    assistance: '医疗救助',
    re_assistance: '再救助/倾斜救助',
    pku_food: '特医食品',
    upstream: '上游已付',
  };
  const SOURCE_LABELS = { computed: '本系统计算', upstream: 'HIS 传入' };
  const AUDIT_ACTIONS = {
    login: '登录', logout: '退出', login_failed: '登录失败', login_refused: '拒绝登录',
    settle: '结算', presettle: '预结算', print: '打印结算单',
    cancel: '撤销结算', resettle: '重新结算', view: '查看',
    account_created: '创建账户', account_disabled: '停用账户', account_enabled: '启用账户',
    password_set: '重置密码', password_changed: '修改密码', role_set: '变更角色',
  };
  const SUPERVISOR_ROLES = new Set(['supervisor', 'admin']);
  const PASSWORD_MIN = 10; // 与服务器 Passwords.MIN_LENGTH 一致
  const USERNAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/; // 与服务器 AccountsController.USERNAME 一致
  const USERNAME_RULE = '用户名须为 2–64 位字母、数字或 . _ -，并以字母或数字开头';

  // 账户、密码相关的服务器错误为英文：已知的几条译为中文，其余原样显示
  const SERVER_ERRORS = [
    [/^old: not the current password$/, () => '当前密码不正确'],
    [/^(?:new|password): at least (\d+) characters$/, (m) => `密码至少 ${m[1]} 位`],
    [/^(?:new|password): must not be the username$/, () => '密码不能与用户名相同'],
    [/^(?:new|password): too few different characters$/, () => '密码中不同的字符太少（至少 4 种）'],
    [/^username: '(.*)' is taken$/, (m) => `用户名 ${m[1]} 已被占用`],
    [/^username: 2 to 64 /, () => USERNAME_RULE],
    [/^role: one of /, () => '请选择有效的角色'],
    [/^an admin cannot disable their own account$/, () => '不能停用自己的账户'],
    [/^no account '(.*)'$/, (m) => `账户 ${m[1]} 不存在`],
  ];

  // 结算单金额表：分三组；fund 字段可点击查看计算过程
  const AMOUNT_GROUPS = [
    {
      title: '医疗费用',
      rows: [
        ['medfee_sumamt', '医疗费用总额', 'strong'],
        ['fulamt_ownpay_amt', '全自费'],
        ['overlmt_selfpay', '超限价自费'],
        ['preselfpay_amt', '先行自付'],
        ['inscp_scp_amt', '符合政策范围'],
        ['act_pay_dedc', '起付线'],
      ],
    },
    {
      title: '基金支付',
      rows: [
        ['hifp_pay', '基本医保统筹'],
        ['hifmi_pay', '大病保险'],
        ['hifob_pay', '职工大额补助'],
        ['maf_pay', '医疗救助'],
        ['oth_pay', '其他（倾斜救助等）'],
        ['fund_pay_sumamt', '基金支付合计', 'strong'],
      ],
    },
    {
      title: '个人支付',
      rows: [
        ['hosp_part_amt', '医疗机构减免', 'optional'],
        ['psn_part_amt', '个人负担', 'strong'],
        ['acct_pay', '个人账户'],
        ['psn_cash_pay', '个人现金', 'strong'],
      ],
    },
  ];

  // 对账金额列
  const RECON_AMOUNTS = [
    ['medfee_sumamt', '医疗费用总额'],
    ['hifp_pay', '基本医保统筹'],
    ['hifmi_pay', '大病保险'],
    ['hifob_pay', '职工大额补助'],
    ['maf_pay', '医疗救助'],
    ['oth_pay', '其他'],
    ['fund_pay_sumamt', '基金支付合计'],
    ['psn_part_amt', '个人负担'],
    ['psn_cash_pay', '个人现金'],
  ];

  // ------------------------------------------------------------------ 状态
  const state = {
    me: null,
    results: [],
    visit: null,
    presettle: null, // {as_of, bill}
    reasonAction: null, // 'cancel' | 'resettle'
    reasonFor: null, // mdtrt_id the reason text was typed for
    truncated: false,
    searchSeq: 0,
    visitSeq: 0,
    reconLoaded: false,
    auditLoaded: false,
  };

  // ------------------------------------------------------------------ DOM 工具
  const $ = (id) => document.getElementById(id);

  /** el('td', {class: 'num', dataset: {x: 1}, text: 'a'}, child, ...) */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (v === null || v === undefined || v === false) continue;
        if (k === 'class') node.className = v;
        else if (k === 'text') node.textContent = v;
        else if (k === 'dataset') Object.entries(v).forEach(([dk, dv]) => { if (dv !== null && dv !== undefined) node.dataset[dk] = dv; });
        else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
        else if (v === true) node.setAttribute(k, '');
        else node.setAttribute(k, String(v));
      }
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  const show = (node, on = true) => { node.hidden = !on; };

  const isBlank = (v) => v === null || v === undefined || v === '';

  // ------------------------------------------------------------------ 格式化
  const moneyFmt = new Intl.NumberFormat('zh-CN', {
    minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: true,
  });

  /** 35000 → "35,000.00"; null → null */
  function fmtMoney(v) {
    if (isBlank(v)) return null;
    let n = Number(v);
    if (!Number.isFinite(n)) return String(v);
    n = Math.round(n * 100) / 100;
    if (n === 0) n = 0; // 避免 "-0.00"
    return moneyFmt.format(n);
  }

  /** 金额节点：右对齐数字 + “元” */
  function moneyNode(v, opts = {}) {
    const s = fmtMoney(v);
    if (s === null) return el('span', { class: 'amount amount--empty', text: '—' });
    const node = el('span', { class: 'amount' + (Number(v) < 0 ? ' amount--neg' : '') }, s);
    if (opts.unit !== false) append(node, [el('span', { class: 'unit', text: ' 元' })]);
    return node;
  }

  function moneyText(v) {
    const s = fmtMoney(v);
    return s === null ? '—' : s + ' 元';
  }

  /** 0.65 → "65%"; 0.675 → "67.5%" */
  function fmtRate(r) {
    if (isBlank(r)) return '—';
    const n = Number(r);
    if (!Number.isFinite(n)) return String(r);
    return (Math.round(n * 10000) / 100).toString() + '%';
  }

  /**
   * ISO 时间 → "yyyy-MM-dd HH:mm:ss"。
   * 服务端给出的时间都已是医院所在地（ZONE）的钟点并带偏移（如 +08:00），按原钟点显示，
   * 从不换算为浏览器所在时区；仅日期则原样显示。
   * 页面不读浏览器的时钟：今天的日期来自 /api/me 的 today（医院时区）。
   */
  function fmtDateTime(s) {
    if (isBlank(s)) return '—';
    const str = String(s).trim();
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(str);
    if (!m) return str;
    const [, y, mo, d, h, mi, se] = m;
    if (h === undefined) return `${y}-${mo}-${d}`;
    return `${y}-${mo}-${d} ${h}:${mi}:${se || '00'}`;
  }

  const fmtDate = (s) => (isBlank(s) ? '—' : String(s).slice(0, 10));
  const roleLabel = (r) => ROLE_LABELS[r] || r || '—';
  const statusLabel = (s) => STATUS_LABELS[s] || s || '—';
  const insutypeLabel = (c) => (isBlank(c) ? '—' : INSUTYPE_LABELS[c] || String(c));
  const medTypeLabel = (c) => (isBlank(c) ? '—' : MED_TYPE_LABELS[c] || String(c));
  const layerLabel = (l) => LAYER_LABELS[l] || l || '—';
  const isSupervisor = () => !!state.me && SUPERVISOR_ROLES.has(state.me.role);
  const isAdmin = () => !!state.me && state.me.role === 'admin';

  function zhError(text) {
    for (const [re, fn] of SERVER_ERRORS) {
      const m = re.exec(text);
      if (m) return fn(m);
    }
    return text;
  }

  function statusBadge(status) {
    return el('span', { class: `status status--${status || 'unknown'}`, dataset: { status: status || '' } }, statusLabel(status));
  }

  // ------------------------------------------------------------------ API
  class ApiError extends Error {
    constructor(status, errors, field, silent = false) {
      super(errors.join('；'));
      this.status = status;
      this.errors = errors;
      this.field = field || null;
      this.silent = silent;
    }
  }

  const DEFAULT_ERRORS = {
    400: '请求有误，请检查输入后重试',
    403: '无权限执行此操作',
    404: '未找到相应记录',
    409: '数据状态已变化，请刷新后重试',
    422: '数据校验未通过',
  };

  function goLogin() {
    window.location.assign('/login');
  }

  /**
   * 统一请求：same-origin 凭据；X-Requested-With: counter（所有请求都带：非 GET 时服务器据此防跨站，
   * GET 带上则未登录时服务器不发 Basic 质询，浏览器不会弹出自带的密码框）；JSON 请求体。
   * 401 → 跳转登录页；其他非 2xx → ApiError（errors 取自服务器 {"errors":[...]}）。
   */
  async function api(method, url, body) {
    const headers = { Accept: 'application/json', 'X-Requested-With': 'counter' };
    const opts = { method, credentials: 'same-origin', headers };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      opts.body = JSON.stringify(body);
    }
    let res;
    try {
      res = await fetch(url, opts);
    } catch (e) {
      throw new ApiError(0, ['无法连接服务器，请检查网络后重试']);
    }
    if (res.status === 401 || (res.redirected && new URL(res.url).pathname === '/login')) {
      goLogin();
      throw new ApiError(401, ['登录已失效，请重新登录'], null, true);
    }
    const text = await res.text();
    let data = null;
    if (text) {
      try { data = JSON.parse(text); } catch (e) { data = null; }
    }
    if (!res.ok) {
      const errs = data && Array.isArray(data.errors) && data.errors.length
        ? data.errors.map((t) => zhError(String(t)))
        : [DEFAULT_ERRORS[res.status] || `服务器错误（HTTP ${res.status}），请稍后重试`];
      throw new ApiError(res.status, errs, data && data.field);
    }
    return data;
  }

  // ------------------------------------------------------------------ 提示条
  const FIELD_INPUTS = { q: 'search-q', reason: 'reason-text', date: null };

  function clearErrors() {
    show($('error-banner'), false);
    clear($('error-list'));
    document.querySelectorAll('[aria-invalid="true"]').forEach((n) => n.removeAttribute('aria-invalid'));
  }

  function showErrors(errors, field) {
    const list = clear($('error-list'));
    errors.forEach((t) => list.append(el('li', { text: t })));
    show($('error-banner'), true);
    let inputId = field ? FIELD_INPUTS[field] : null;
    if (field === 'date') inputId = $('panel-audit').hidden ? 'recon-date' : 'audit-date';
    if (field && inputId === undefined && $(field)) inputId = field;
    if (inputId && $(inputId)) $(inputId).setAttribute('aria-invalid', 'true');
    $('error-banner').scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }

  function clearNotice() {
    show($('notice-banner'), false);
    clear($('notice-body'));
  }

  function showNotice(...nodes) {
    append(clear($('notice-body')), nodes);
    show($('notice-banner'), true);
  }

  /** 执行一个用户操作：清除旧错误、按钮忙碌态、统一错误展示 */
  async function run(button, fn) {
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
        showErrors(['页面处理出错：' + (e && e.message ? e.message : String(e))]);
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

  // ------------------------------------------------------------------ 标签页
  const TABS = ['counter', 'recon', 'audit', 'accounts'];

  function selectTab(name, focus = false) {
    for (const t of TABS) {
      const tab = $('tab-' + t);
      const on = t === name;
      tab.setAttribute('aria-selected', on ? 'true' : 'false');
      tab.tabIndex = on ? 0 : -1;
      tab.classList.toggle('is-active', on);
      show($('panel-' + t), on);
      if (on && focus) tab.focus();
    }
    clearErrors();
    clearNotice();
    if (name === 'recon' && !state.reconLoaded) loadRecon();
    if (name === 'audit' && !state.auditLoaded) loadAudit();
    if (name === 'accounts') loadAccounts();
  }

  function onTabKey(e) {
    const visible = TABS.filter((t) => !$('tab-' + t).hidden);
    const cur = visible.indexOf(e.target.id.replace('tab-', ''));
    if (cur < 0) return;
    let next = null;
    if (e.key === 'ArrowRight') next = visible[(cur + 1) % visible.length];
    else if (e.key === 'ArrowLeft') next = visible[(cur - 1 + visible.length) % visible.length];
    else if (e.key === 'Home') next = visible[0];
    else if (e.key === 'End') next = visible[visible.length - 1];
    if (next) {
      e.preventDefault();
      selectTab(next, true);
    }
  }

  // ------------------------------------------------------------------ 查询
  async function doSearch() {
    const q = $('search-q').value.trim();
    clearNotice();
    if (!q) {
      clearErrors();
      showErrors(['请输入就诊号、患者编号或姓名'], 'q');
      $('search-q').focus();
      return;
    }
    const seq = ++state.searchSeq;
    let listed = false;
    await run($('search-go'), async () => {
      const data = await api('GET', '/api/counter/visits?q=' + encodeURIComponent(q));
      if (seq !== state.searchSeq) return;
      const visits = (data && Array.isArray(data.visits)) ? data.visits : [];
      state.results = visits;
      renderResults(visits, !!(data && data.truncated));
      listed = true;
      if (visits.length === 1) {
        try {
          await openVisit(visits[0].mdtrt_id, { fromSearch: true });
        } catch (e) {
          hideVisit();
          throw e;
        }
      } else {
        hideVisit();
      }
    });
    if (!listed && seq === state.searchSeq) {
      // 查询失败：不保留上一次的结果，避免误读
      state.results = [];
      show($('search-results-wrap'), false);
      hideVisit();
    }
  }

  function renderResults(visits, truncated = state.truncated) {
    state.truncated = truncated;
    const body = clear($('search-results-body'));
    show($('search-results-wrap'), true);
    show($('search-empty'), visits.length === 0);
    show($('search-results'), visits.length > 0);
    $('search-count').textContent = visits.length
      ? (truncated ? `仅显示前 ${visits.length} 条，请输入更完整的就诊号或患者编号缩小范围` : `共 ${visits.length} 条`)
      : '';
    for (const v of visits) {
      const tr = el('tr', {
        tabindex: 0,
        class: 'row-link',
        dataset: { mdtrtId: v.mdtrt_id, testid: 'visit-row' },
        'aria-label': `打开就诊 ${v.mdtrt_id} ${v.psn_name || ''}`,
        onclick: () => openVisit(v.mdtrt_id),
        onkeydown: onRowKey,
      },
      el('td', { class: 'mono' }, v.mdtrt_id),
      el('td', { class: 'mono' }, v.psn_no || '—'),
      el('td', { class: 'strong' }, v.psn_name || '—'),
      el('td', { class: 'mono' }, v.certno || '—'),
      el('td', null, statusBadge(v.status)),
      el('td', { class: 'nowrap' }, fmtDate(v.begntime)),
      el('td', { class: 'nowrap' }, v.endtime ? fmtDate(v.endtime) : '—'),
      el('td', { class: 'num' }, moneyNode(v.medfee_sumamt)),
      el('td', { class: 'num' }, moneyNode(v.psn_cash_pay)));
      body.append(tr);
    }
    markCurrentRow();
  }

  function onRowKey(e) {
    const tr = e.currentTarget;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      openVisit(tr.dataset.mdtrtId);
    } else if (e.key === 'ArrowDown' && tr.nextElementSibling) {
      e.preventDefault();
      tr.nextElementSibling.focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (tr.previousElementSibling) tr.previousElementSibling.focus();
      else $('search-q').focus();
    }
  }

  function markCurrentRow() {
    const id = state.visit ? state.visit.mdtrt_id : null;
    document.querySelectorAll('#search-results-body tr').forEach((tr) => {
      const on = tr.dataset.mdtrtId === id;
      tr.classList.toggle('is-current', on);
      if (on) tr.setAttribute('aria-current', 'true'); else tr.removeAttribute('aria-current');
    });
  }

  // ------------------------------------------------------------------ 就诊
  function hideVisit() {
    state.visit = null;
    state.presettle = null;
    show($('visit-view'), false);
    markCurrentRow();
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  }

  async function openVisit(id, opts = {}) {
    if (isBlank(id)) return;
    const seq = ++state.visitSeq;
    const work = async () => {
      const v = await api('GET', '/api/counter/visits/' + encodeURIComponent(id));
      if (seq !== state.visitSeq) return;
      state.visit = v;
      state.presettle = null;
      renderVisit();
      history.replaceState(null, '', '#visit=' + encodeURIComponent(v.mdtrt_id || id));
      if (!opts.keepFocus) $('visit-title').focus({ preventScroll: true });
      $('visit-view').scrollIntoView({ block: 'start', behavior: opts.fromSearch ? 'auto' : 'smooth' });
    };
    if (opts.fromSearch) return work(); // already inside run()
    if (!opts.keepNotice) clearNotice();
    return run(null, work);
  }

  async function reloadVisit() {
    if (!state.visit) return;
    const id = state.visit.mdtrt_id;
    const v = await api('GET', '/api/counter/visits/' + encodeURIComponent(id));
    state.visit = v;
    state.presettle = null;
    renderVisit();
    // 同步查询结果中的状态
    const row = state.results.find((r) => r.mdtrt_id === id);
    if (row) {
      row.status = v.status;
      renderResults(state.results);
    }
  }

  function currentMode() {
    const v = state.visit;
    if (!v) return null;
    if (v.bill) return v.status === 'cancelled' ? 'cancelled' : 'settled';
    if (state.presettle && state.presettle.bill) return 'presettle';
    if (v.cancelled_bill) return 'cancelled';
    return null;
  }

  function renderVisit() {
    const v = state.visit;
    const mode = currentMode();
    show($('visit-view'), true);
    $('visit-view').dataset.mode = mode || 'none';
    $('visit-view').dataset.status = v.status || '';

    $('visit-name').textContent = v.psn_name || '—';
    const st = $('visit-status');
    st.className = `status status--${v.status || 'unknown'}`;
    st.dataset.status = v.status || '';
    st.textContent = statusLabel(v.status);
    $('visit-mdtrt-id').textContent = v.mdtrt_id || '—';
    $('visit-psn-no').textContent = v.psn_no || '—';
    $('visit-certno').textContent = v.certno || '—';
    renderPrintCount();

    // 操作按钮
    const sup = isSupervisor();
    const presettleBtn = $('presettle');
    show(presettleBtn, !v.bill);
    presettleBtn.textContent = mode === 'presettle' ? '重新预结算' : '预结算';
    show($('print-presettle'), mode === 'presettle');
    show($('print-bill'), mode === 'settled');
    for (const id of ['cancel-bill', 'resettle-bill']) {
      const b = $(id);
      show(b, mode === 'settled');
      setLocked(b, !sup);
      if (sup) b.removeAttribute('title'); else b.title = '仅主管可撤销';
      if (!sup) b.setAttribute('aria-describedby', 'role-hint'); else b.removeAttribute('aria-describedby');
    }
    show($('role-hint'), mode === 'settled' && !sup);

    // 在院信息（无有效结算单时）
    renderAdmission(v, !v.bill);

    const noBill = $('no-bill');
    if (!v.bill && !state.presettle && !v.cancelled_bill) {
      noBill.textContent = v.status === 'cancelled'
        ? '该就诊的结算已撤销，当前无有效结算单。可预结算测算，或待 HIS 重新发起结算。'
        : '患者尚未出院结算。可点击“预结算”测算本次费用的基金支付与个人应付金额。';
      show(noBill, true);
    } else {
      show(noBill, false);
    }

    const bill = v.bill || (state.presettle && state.presettle.bill) || v.cancelled_bill || null;
    if (bill) renderSheet(bill, mode);
    else {
      show($('bill-sheet'), false);
      show($('bill-alerts'), false);
    }

    renderCancels(v.cancels || []);
    markCurrentRow();
  }

  /** disabled 且在忙碌态结束后保持 disabled */
  function setLocked(btn, locked) {
    btn.disabled = locked;
    if (locked) btn.dataset.locked = '1'; else delete btn.dataset.locked;
  }

  function renderPrintCount() {
    const v = state.visit;
    const n = Number(v && v.prints) || 0;
    show($('visit-prints-wrap'), !!(v && v.bill));
    $('visit-prints').textContent = `${n} 次`;
  }

  function renderAdmission(v, visible) {
    const box = $('admission-info');
    const a = v.admission;
    const c = v.charges;
    if (!visible || (!a && !c)) {
      show(box, false);
      return;
    }
    show(box, true);
    $('admission-title').textContent = v.status === 'admitted' ? '在院信息' : '就诊信息';
    const dl = clear($('admission-facts'));
    if (a) {
      const facts = [
        ['入院日期', fmtDate(a.begntime), 'adm-begntime'],
        ['医疗类别', medTypeLabel(a.med_type), 'adm-med-type'],
        ['参保地', a.insu_admdvs || '—', 'adm-insu-admdvs'],
        ['押金', a.deposit_free ? '先诊疗后付费（免收押金）' : moneyText(a.deposit), 'adm-deposit'],
      ];
      if (!isBlank(a.insutype)) facts.splice(2, 0, ['险种', insutypeLabel(a.insutype), 'adm-insutype']);
      if (a.deposit_free && Number(a.deposit) > 0) facts.push(['已收押金', moneyText(a.deposit), 'adm-deposit-paid']);
      for (const [k, val, id] of facts) {
        dl.append(el('div', { class: 'facts__item' }, el('dt', { text: k }), el('dd', { id, dataset: { testid: id } }, val)));
      }
    } else {
      dl.append(el('div', { class: 'facts__item' }, el('dt', { text: '入院信息' }), el('dd', { text: '无' })));
    }
    $('charges-lines').textContent = c && !isBlank(c.lines) ? String(c.lines) : '0';
    clear($('charges-total')).append(moneyNode(c ? c.total : null));
    show($('charges-info'), !!c);
  }

  // ------------------------------------------------------------------ 结算单
  function fundFieldOf(detail, bill) {
    switch (String(detail.fund_pay_type)) {
      case '310100': case '390100': return 'hifp_pay';
      case '390200': return 'hifmi_pay';
      case '330100': return 'hifob_pay';
      case '610100': case '610102': return 'maf_pay';
      case '630100': return 'hosp_part_amt';
      case '999997': return 'oth_pay';
      default: break;
    }
    const layers = (detail.working || []).map((w) => w.layer);
    if (layers.includes('basic')) return 'hifp_pay';
    if (layers.includes('critical_illness') || layers.includes('special_drug')) {
      return String(bill.insutype) === '310' ? 'hifob_pay' : 'hifmi_pay';
    }
    if (layers.some((l) => l === 'assistance' || l === 're_assistance' || l === 'pku_food')) return 'maf_pay';
    return 'oth_pay';
  }

  function amountLink(value, funds, label) {
    return el('button', {
      type: 'button',
      class: 'amount-link',
      dataset: { fund: funds[0], funds: funds.join(' '), testid: 'amount-link' },
      'aria-haspopup': 'dialog',
      'aria-controls': 'working-panel',
      title: '查看计算过程',
      'aria-label': `${label} ${moneyText(value)}，查看计算过程`,
      onclick: () => openWorking(funds, label),
    }, moneyNode(value));
  }

  function renderSheet(bill, mode) {
    const sheet = $('bill-sheet');
    show(sheet, true);
    sheet.dataset.mode = mode;
    sheet.classList.toggle('is-presettle', mode === 'presettle');
    sheet.classList.toggle('is-cancelled', mode === 'cancelled');
    state.bill = bill;

    $('print-hospital').textContent = (state.me && state.me.hospital_name) || '';
    show($('presettle-banner'), mode === 'presettle');
    $('presettle-asof').textContent = mode === 'presettle' && state.presettle.as_of
      ? `测算日期：${fmtDate(state.presettle.as_of)}` : '';
    const pnotes = clear($('presettle-notes'));
    const notes = mode === 'presettle' && state.presettle.notes ? state.presettle.notes : [];
    notes.forEach((t) => pnotes.append(el('li', { text: String(t) })));
    show(pnotes, notes.length > 0);
    show($('cancelled-banner'), mode === 'cancelled');
    resetPrintFooter();

    // 基本信息
    const policy = bill.policy || {};
    const info = clear($('bill-info'));
    const infoRows = [
      ['姓名', bill.psn_name, 'bill-psn-name'],
      ['证件号码', bill.certno, 'bill-certno'],
      ['就诊号', bill.mdtrt_id, 'bill-mdtrt-id'],
      ['人员编号', bill.psn_no, 'bill-psn-no'],
      ['险种', insutypeLabel(bill.insutype), 'bill-insutype'],
      ['参保地', [bill.insu_admdvs, policy.name].filter((x) => !isBlank(x)).join(' '), 'bill-insu-admdvs'],
      ['入院日期', fmtDate(bill.begntime), 'bill-begntime'],
      ['出院日期', bill.endtime ? fmtDate(bill.endtime) : (mode === 'presettle' ? '（在院）' : '—'), 'bill-endtime'],
      ['医疗类别', medTypeLabel(bill.med_type), 'bill-med-type'],
      ['适用政策', Array.isArray(policy.documents) && policy.documents.length ? policy.documents.join('；') : '—', 'bill-policy', 'wide'],
    ];
    for (const [k, val, id, wide] of infoRows) {
      info.append(el('div', { class: 'sheet__info-item' + (wide ? ' sheet__info-item--wide' : '') },
        el('dt', { text: k }),
        el('dd', { id, dataset: { testid: id } }, isBlank(val) ? '—' : val)));
    }

    // 金额表
    const s = bill.setlinfo || {};
    const details = Array.isArray(bill.setldetail) ? bill.setldetail : [];
    const fundsByField = {};
    for (const d of details) {
      const f = fundFieldOf(d, bill);
      (fundsByField[f] = fundsByField[f] || []).push(String(d.fund_pay_type));
    }
    const grid = clear($('bill-amounts'));
    for (const g of AMOUNT_GROUPS) {
      const tbody = el('tbody');
      for (const [key, label, flag] of g.rows) {
        if (flag === 'optional' && !(Number(s[key]) > 0) && !fundsByField[key]) continue;
        const funds = fundsByField[key];
        const cell = el('td', { class: 'num', id: 'amt-' + key, dataset: { field: key, testid: 'amt-' + key } },
          funds ? amountLink(s[key], funds, label) : moneyNode(s[key]));
        tbody.append(el('tr', { class: flag === 'strong' ? 'is-strong' : null },
          el('th', { scope: 'row', text: label }), cell));
      }
      grid.append(el('table', { class: 'table table--amounts' },
        el('caption', { class: 'table__caption', text: g.title }),
        el('thead', { class: 'sr-only' }, el('tr', null, el('th', { scope: 'col', text: '项目' }), el('th', { scope: 'col', text: '金额' }))),
        tbody));
    }

    // 基金明细
    const fb = clear($('bill-funds-body'));
    for (const d of details) {
      const code = String(d.fund_pay_type);
      fb.append(el('tr', { id: 'fund-' + code, dataset: { fundRow: code } },
        el('td', { class: 'mono' }, code),
        el('td', null, d.fund_pay_type_name || '—'),
        el('td', { class: 'muted' }, SOURCE_LABELS[d.source] || d.source || '—'),
        el('td', { class: 'num' }, amountLink(d.fund_payamt, [code], d.fund_pay_type_name || code))));
    }
    if (!details.length) fb.append(el('tr', null, el('td', { colspan: 4, class: 'empty-cell', text: '无基金支付' })));

    renderRelief(bill.relief);
    renderDeposit(bill.deposit);
    renderAlerts(bill.alerts, bill.warnings);

    const illustrative = details.some((d) => (d.working || []).some((w) => w && w.illustrative));
    show($('sheet-illustrative-note'), illustrative);
  }

  function renderRelief(relief) {
    const box = $('bill-relief');
    if (!relief) {
      show(box, false);
      return;
    }
    show(box, true);
    const line = clear($('relief-category'));
    if (relief.category_applied) {
      line.append('救助身份：', el('strong', { text: relief.category_name || relief.category_applied }), '（就高不重复）');
    } else {
      line.append('救助身份：', el('strong', { text: relief.category_name || '普通参保人员' }));
    }
    const alts = Array.isArray(relief.alternatives) ? relief.alternatives : [];
    show($('relief-alternatives'), alts.length > 0);
    const body = clear($('relief-alternatives-body'));
    for (const a of alts) {
      const warn = Array.isArray(a.warnings) ? a.warnings : [];
      body.append(el('tr', { class: a.applied ? 'is-applied' : null, dataset: { category: a.category || '' } },
        el('th', { scope: 'row' }, a.category_name || a.category || '普通参保人员'),
        el('td', { class: 'num' }, moneyNode(a.hifmi_pay, { unit: false })),
        el('td', { class: 'num' }, moneyNode(a.hifob_pay, { unit: false })),
        el('td', { class: 'num' }, moneyNode(a.maf_pay, { unit: false })),
        el('td', { class: 'num' }, moneyNode(a.fund_pay_sumamt, { unit: false })),
        el('td', { class: 'num' }, moneyNode(a.psn_part_amt, { unit: false })),
        el('td', null, a.applied ? el('span', { class: 'tag tag--ok', text: '已采用' }) : ''),
        el('td', { class: 'small' }, warn.length ? warn.join('；') : '')));
    }
  }

  function renderDeposit(dep) {
    const box = clear($('bill-deposit'));
    if (!dep) {
      show(box, false);
      return;
    }
    show(box, true);
    box.append(el('h3', { class: 'sheet__h', text: '押金与应收应退' }));
    const rows = el('dl', { class: 'deposit__rows' });
    if (dep.treat_first_pay_later) {
      rows.append(el('div', { class: 'deposit__row deposit__row--tfpl', id: 'deposit-tfpl', dataset: { testid: 'deposit-tfpl' } },
        el('dt', { text: '先诊疗后付费（免收押金）' }),
        el('dd', { class: 'deposit__clause' }, dep.clause ? `依据：${dep.clause}` : '')));
      if (Number(dep.deposit_amt) > 0) {
        rows.append(el('div', { class: 'deposit__row' }, el('dt', { text: '已收押金' }),
          el('dd', { class: 'num', id: 'deposit-amt', dataset: { testid: 'deposit-amt' } }, moneyNode(dep.deposit_amt))));
      }
    } else {
      rows.append(el('div', { class: 'deposit__row' }, el('dt', { text: '押金' }),
        el('dd', { class: 'num', id: 'deposit-amt', dataset: { testid: 'deposit-amt' } }, moneyNode(dep.deposit_amt))));
    }
    rows.append(el('div', { class: 'deposit__row' }, el('dt', { text: '个人现金' }),
      el('dd', { class: 'num' }, moneyNode(dep.psn_cash_pay))));
    box.append(rows);

    const due = Number(dep.amount_due) || 0;
    const refund = Number(dep.amount_refund) || 0;
    let big;
    if (refund > 0 && due <= 0) {
      big = el('div', { class: 'settle-total settle-total--refund' },
        el('span', { class: 'settle-total__label', text: '应退还' }),
        el('span', { class: 'settle-total__value', id: 'amount-refund', dataset: { testid: 'amount-refund' } }, moneyNode(dep.amount_refund)));
    } else {
      big = el('div', { class: 'settle-total settle-total--due' },
        el('span', { class: 'settle-total__label', text: '应补缴' }),
        el('span', { class: 'settle-total__value', id: 'amount-due', dataset: { testid: 'amount-due' } }, moneyNode(dep.amount_due ?? 0)));
      if (due <= 0) append(big, [el('span', { class: 'settle-total__note', text: '押金与个人现金相抵，无需补缴或退还' })]);
    }
    box.append(big);
  }

  function renderAlerts(alerts, warnings) {
    const box = clear($('bill-alerts'));
    const a = Array.isArray(alerts) ? alerts : [];
    const w = Array.isArray(warnings) ? warnings : [];
    if (!a.length && !w.length) {
      show(box, false);
      return;
    }
    show(box, true);
    box.append(el('h3', { class: 'alerts__title', text: '结算提示' }));
    const list = el('ul', { class: 'alerts__list' });
    for (const x of a) {
      list.append(el('li', { class: 'alerts__item alerts__item--alert', dataset: { code: x.code || '' } },
        el('span', { class: 'alerts__msg', text: x.message || x.code || '' }),
        x.clause ? el('span', { class: 'alerts__clause', text: `（${x.clause}）` }) : null));
    }
    for (const t of w) {
      list.append(el('li', { class: 'alerts__item alerts__item--warning' }, el('span', { class: 'alerts__msg', text: String(t) })));
    }
    box.append(list);
  }

  function renderCancels(cancels) {
    const box = $('cancel-history');
    show(box, cancels.length > 0);
    const body = clear($('cancel-history-body'));
    for (const c of cancels) {
      body.append(el('tr', null,
        el('td', { class: 'nowrap' }, fmtDateTime(c.cancelled_at)),
        el('td', null, c.by || '—'),
        el('td', null, c.reason || '—')));
    }
  }

  // ------------------------------------------------------------------ 计算过程
  function categoryName(code) {
    const alts = state.bill && state.bill.relief && Array.isArray(state.bill.relief.alternatives) ? state.bill.relief.alternatives : [];
    const hit = alts.find((a) => a.category === code);
    return hit && hit.category_name ? `${hit.category_name}（${code}）` : code;
  }

  function openWorking(funds, label) {
    const bill = state.bill;
    if (!bill) return;
    const details = (bill.setldetail || []).filter((d) => funds.includes(String(d.fund_pay_type)));
    $('working-title').textContent = `计算过程 · ${label}`;
    const body = clear($('working-body'));
    body.dataset.funds = funds.join(' ');
    if (!details.length) body.append(el('p', { class: 'empty', text: '无计算过程' }));
    for (const d of details) {
      const sec = el('section', { class: 'working-fund', dataset: { fund: String(d.fund_pay_type) } },
        el('header', { class: 'working-fund__head' },
          el('span', { class: 'working-fund__name', text: d.fund_pay_type_name || d.fund_pay_type }),
          el('span', { class: 'working-fund__code mono', text: d.fund_pay_type }),
          d.source ? el('span', { class: 'tag', text: SOURCE_LABELS[d.source] || d.source }) : null,
          el('span', { class: 'working-fund__amt' }, '支付 ', moneyNode(d.fund_payamt))));
      const ws = Array.isArray(d.working) ? d.working : [];
      if (!ws.length) sec.append(el('p', { class: 'empty', text: '无计算过程' }));
      ws.forEach((w) => sec.append(renderWorkingItem(w || {})));
      body.append(sec);
    }
    const dlg = $('working-panel');
    if (!dlg.open) dlg.showModal();
    $('working-close').focus();
  }

  function renderWorkingItem(w) {
    const art = el('article', { class: 'working', dataset: { layer: w.layer || '' } });
    art.append(el('h3', { class: 'working__layer' }, layerLabel(w.layer)));

    if (!isBlank(w.clause) || w.illustrative) {
      const clause = el('div', { class: 'working__clause' + (w.illustrative ? ' is-illustrative' : '') },
        el('span', { class: 'working__clause-label', text: '政策条款' }),
        el('span', { class: 'working__clause-text', text: isBlank(w.clause) ? '—' : w.clause }));
      if (w.illustrative) clause.append(el('span', { class: 'tag tag--warn', text: '示例参数（非政策原文）' }));
      art.append(clause);
    }

    const dl = el('dl', { class: 'working__facts' });
    const fact = (k, ...v) => dl.append(el('div', { class: 'working__fact' }, el('dt', { text: k }), el('dd', null, ...v)));
    if (!isBlank(w.rule)) fact('规则', el('span', { class: 'code', text: w.rule }));
    if (!isBlank(w.category)) fact('人员类别', categoryName(w.category));
    if (!isBlank(w.base) || !isBlank(w.base_formula)) {
      fact('计算基数', isBlank(w.base) ? '' : moneyNode(w.base),
        isBlank(w.base_formula) ? '' : el('span', { class: 'working__formula', text: `＝ ${w.base_formula}` }));
    }
    if (!isBlank(w.year_base_before) || !isBlank(w.year_base_after)) {
      fact('年度累计', moneyNode(w.year_base_before), el('span', { class: 'arrow', text: ' → ' }), moneyNode(w.year_base_after));
    }
    if (!isBlank(w.deductible)) {
      fact('起付线', moneyNode(w.deductible), isBlank(w.deductible_used) ? '' : el('span', { class: 'muted' }, '（已用 ', moneyNode(w.deductible_used), '）'));
    } else if (!isBlank(w.deductible_used)) {
      fact('起付线已用', moneyNode(w.deductible_used));
    }
    if (dl.childNodes.length) art.append(dl);

    const segs = Array.isArray(w.segments) ? w.segments : [];
    if (segs.length) {
      const tb = el('tbody');
      for (const sg of segs) {
        const range = isBlank(sg.to)
          ? `${fmtMoney(sg.from) ?? '0.00'} 以上`
          : `${fmtMoney(sg.from) ?? '0.00'} – ${fmtMoney(sg.to)}`;
        tb.append(el('tr', null,
          el('td', { class: 'num nowrap' }, range),
          el('td', { class: 'num' }, fmtRate(sg.rate)),
          el('td', { class: 'num' }, moneyNode(sg.portion, { unit: false })),
          el('td', { class: 'num' }, moneyNode(sg.amount, { unit: false }))));
      }
      art.append(el('table', { class: 'table table--compact working__segments' },
        el('caption', { class: 'table__caption', text: '分段计算' }),
        el('thead', null, el('tr', null,
          el('th', { scope: 'col', class: 'num', text: '区间（元）' }),
          el('th', { scope: 'col', class: 'num', text: '比例' }),
          el('th', { scope: 'col', class: 'num', text: '金额部分（元）' }),
          el('th', { scope: 'col', class: 'num', text: '应付（元）' }))),
        tb));
    }

    const res = el('dl', { class: 'working__facts working__facts--result' });
    const rfact = (k, cls, ...v) => res.append(el('div', { class: 'working__fact ' + (cls || '') }, el('dt', { text: k }), el('dd', null, ...v)));
    if (!isBlank(w.computed)) rfact('计算结果', '', moneyNode(w.computed));
    if (!isBlank(w.cap) || !isBlank(w.cap_left_before) || !isBlank(w.cap_left_after)) {
      const parts = [];
      if (!isBlank(w.cap)) parts.push(moneyNode(w.cap));
      if (!isBlank(w.cap_left_before) || !isBlank(w.cap_left_after)) {
        parts.push(el('span', { class: 'muted' }, '（剩余 ', moneyNode(w.cap_left_before), ' → ', moneyNode(w.cap_left_after), '）'));
      }
      rfact('年度封顶', '', ...parts);
    }
    if (!isBlank(w.paid)) rfact('实付', 'is-paid', moneyNode(w.paid));
    if (res.childNodes.length) art.append(res);

    const notes = Array.isArray(w.notes) ? w.notes.filter((n) => !isBlank(n)) : [];
    if (notes.length) {
      art.append(el('div', { class: 'working__notes' },
        el('span', { class: 'working__notes-label', text: '说明' }),
        el('ul', null, notes.map((n) => el('li', { text: String(n) })))));
    }
    return art;
  }

  // ------------------------------------------------------------------ 预结算 / 打印
  async function doPresettle() {
    const v = state.visit;
    if (!v) return;
    clearNotice();
    await run($('presettle'), async () => {
      const r = await api('POST', `/api/counter/visits/${encodeURIComponent(v.mdtrt_id)}/presettle`, {});
      if (!r || !r.bill) throw new ApiError(0, ['预结算未返回结算单']);
      if (state.visit !== v) return;
      state.presettle = { as_of: r.as_of || null, at: r.at || null, bill: r.bill, notes: Array.isArray(r.notes) ? r.notes : [] };
      renderVisit();
      $('presettle-banner').scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    });
  }

  function resetPrintFooter() {
    show($('print-footer'), false);
    $('print-no').textContent = '';
    $('print-time').textContent = '';
    $('print-operator').textContent = '';
  }

  function setPrintFooter(label, time, operator) {
    $('print-no').textContent = label;
    $('print-time').textContent = time;
    $('print-operator').textContent = operator || '—';
    show($('print-footer'), true);
  }

  function printNow() {
    // 让浏览器先完成页脚等内容的渲染再调起打印
    requestAnimationFrame(() => requestAnimationFrame(() => window.print()));
  }

  async function doPrintBill() {
    const v = state.visit;
    if (!v || currentMode() !== 'settled') return;
    clearNotice();
    await run($('print-bill'), async () => {
      const r = await api('POST', `/api/counter/visits/${encodeURIComponent(v.mdtrt_id)}/print`, {});
      const n = Number(r && r.print_no) || 1;
      if (r && r.hospital_name) $('print-hospital').textContent = r.hospital_name;
      setPrintFooter(n > 1 ? `补打（第 ${n} 次打印）` : `第 ${n} 次打印`, fmtDateTime(r && r.printed_at), r && r.printed_by);
      v.prints = n;
      renderPrintCount();
      printNow();
    });
  }

  function doPrintPresettle() {
    if (currentMode() !== 'presettle') return;
    // 测算时间取服务端（医院时区）的时间，不取浏览器的时钟
    setPrintFooter('预结算单（未结算，仅供参考）', fmtDateTime(state.presettle && state.presettle.at), state.me && state.me.username);
    printNow();
  }

  // ------------------------------------------------------------------ 撤销 / 重新结算
  function openReason(action) {
    const v = state.visit;
    if (!v || !isSupervisor()) return;
    state.reasonAction = action;
    const isCancel = action === 'cancel';
    $('reason-title').textContent = isCancel ? '撤销结算' : '重新结算';
    $('reason-lead').textContent = isCancel
      ? `撤销 ${v.psn_name || ''}（就诊号 ${v.mdtrt_id}）的结算。撤销后原结算单作废，年度累计相应回退。`
      : `按当前费用与政策重新结算 ${v.psn_name || ''}（就诊号 ${v.mdtrt_id}），原结算将被撤销并由新结算替代。`;
    const confirm = $('reason-confirm');
    confirm.textContent = isCancel ? '确认撤销' : '确认重新结算';
    confirm.className = isCancel ? 'btn btn--danger' : 'btn btn--primary';
    const key = `${action}:${v.mdtrt_id}`;
    if (state.reasonFor !== key) $('reason-text').value = '';
    state.reasonFor = key;
    $('reason-text').removeAttribute('aria-invalid');
    updateReasonConfirm();
    $('reason-dialog').showModal();
    $('reason-text').focus();
  }

  function updateReasonConfirm() {
    const c = $('reason-confirm');
    setLocked(c, $('reason-text').value.trim() === '');
  }

  function closeReason() {
    const d = $('reason-dialog');
    if (d.open) d.close();
  }

  async function confirmReason(e) {
    if (e) e.preventDefault();
    const reason = $('reason-text').value.trim();
    const v = state.visit;
    if (!reason || !v) {
      updateReasonConfirm();
      return;
    }
    const action = state.reasonAction;
    const id = v.mdtrt_id;
    clearNotice();
    const ok = await run($('reason-confirm'), async () => {
      const r = await api('POST', `/api/counter/visits/${encodeURIComponent(id)}/${action}`, { reason });
      closeReason();
      $('reason-text').value = '';
      state.reasonFor = null;
      updateReasonConfirm();
      if (action === 'cancel') {
        const later = r && Array.isArray(r.settled_later) ? r.settled_later : [];
        const nodes = [el('p', null, el('strong', { text: '已撤销结算' }), `（就诊号 ${r && r.cancelled ? r.cancelled : id}）。`)];
        if (later.length) {
          nodes.push(el('p', { id: 'cancel-later', dataset: { testid: 'cancel-later' } },
            `同年度后续结算：${later.join('、')} 其金额按撤销前累计计算，如需可重新结算`));
        }
        showNotice(...nodes);
      } else {
        showNotice(el('p', null, el('strong', { text: '已重新结算' }), `（就诊号 ${id}）。`));
      }
      await reloadVisit();
      return true;
    });
    if (!ok) closeReason(); // 出错：关闭对话框，错误显示在页面顶部提示条（原因文字保留）
  }

  // ------------------------------------------------------------------ 对账
  function reconCsvHref(date) {
    return '/api/counter/reconciliation.csv?date=' + encodeURIComponent(date);
  }

  function updateCsvLink() {
    const d = $('recon-date').value;
    const a = $('recon-csv');
    if (d) {
      a.href = reconCsvHref(d);
      a.removeAttribute('aria-disabled');
    } else {
      a.removeAttribute('href');
      a.setAttribute('aria-disabled', 'true');
    }
    a.setAttribute('download', `对账-${d || ''}.csv`);
  }

  async function loadRecon() {
    const date = $('recon-date').value;
    if (!date) {
      clearErrors();
      showErrors(['请选择结算日期'], 'date');
      return;
    }
    state.reconLoaded = true;
    updateCsvLink();
    await run($('recon-go'), async () => {
      const r = await api('GET', '/api/counter/reconciliation?date=' + encodeURIComponent(date));
      renderRecon(r || {});
    });
  }

  function reconHead(theadId, withReason) {
    const head = clear($(theadId));
    head.append(el('tr', null,
      el('th', { scope: 'col', text: '时间' }),
      el('th', { scope: 'col', text: '就诊号' }),
      el('th', { scope: 'col', text: '患者编号' }),
      el('th', { scope: 'col', text: '姓名' }),
      el('th', { scope: 'col', text: '操作员' }),
      RECON_AMOUNTS.map(([, l]) => el('th', { scope: 'col', class: 'num', text: l })),
      withReason ? el('th', { scope: 'col', text: '撤销原因' }) : null));
  }

  function renderRecon(r) {
    const date = r.date || $('recon-date').value;
    $('recon-meta').textContent = `对账日期 ${date}${r.zone ? `（${r.zone}）` : ''} · 金额单位：元`;

    const totals = r.totals || {};
    const head = clear($('recon-totals-head'));
    head.append(el('tr', null,
      el('th', { scope: 'col', text: '项目' }),
      el('th', { scope: 'col', class: 'num', text: '笔数' }),
      RECON_AMOUNTS.map(([, l]) => el('th', { scope: 'col', class: 'num', text: l }))));
    const tb = clear($('recon-totals-body'));
    for (const [key, label] of [['settled', '结算'], ['cancelled', '撤销'], ['net', '净额']]) {
      const t = totals[key] || {};
      tb.append(el('tr', { id: 'recon-total-' + key, dataset: { row: key, testid: 'recon-total-' + key }, class: key === 'net' ? 'is-strong' : null },
        el('th', { scope: 'row', text: label }),
        el('td', { class: 'num', dataset: { field: 'count' } }, isBlank(t.count) ? '—' : String(t.count)),
        RECON_AMOUNTS.map(([k]) => el('td', { class: 'num', dataset: { field: k } }, moneyNode(t[k], { unit: false })))));
    }
    show($('recon-result'), true);

    renderReconRows('settlements', Array.isArray(r.settlements) ? r.settlements : [], false);
    renderReconRows('cancels', Array.isArray(r.cancels) ? r.cancels : [], true);
  }

  function renderReconRows(kind, rows, withReason) {
    reconHead(`recon-${kind}-head`, withReason);
    const body = clear($(`recon-${kind}-body`));
    show($(`recon-${kind}-wrap`), true);
    show($(`recon-${kind}-empty`), rows.length === 0);
    show($(`recon-${kind}`), rows.length > 0);
    $(`recon-${kind}-count`).textContent = rows.length ? `${rows.length} 笔` : '';
    for (const row of rows) {
      body.append(el('tr', { dataset: { mdtrtId: row.mdtrt_id } },
        el('td', { class: 'nowrap' }, fmtDateTime(row.at)),
        el('td', null, el('button', {
          type: 'button', class: 'link-btn mono', title: '打开该就诊',
          onclick: () => { selectTab('counter'); openVisit(row.mdtrt_id); },
        }, row.mdtrt_id)),
        el('td', { class: 'mono' }, row.psn_no || '—'),
        el('td', null, row.psn_name || '—'),
        el('td', null, row.by || '—'),
        RECON_AMOUNTS.map(([k]) => el('td', { class: 'num' }, moneyNode(row[k], { unit: false }))),
        withReason ? el('td', { class: 'wrap' }, row.reason || '—') : null));
    }
  }

  // ------------------------------------------------------------------ 审计日志
  async function loadAudit() {
    if (!isSupervisor()) return;
    const date = $('audit-date').value;
    if (!date) {
      clearErrors();
      showErrors(['请选择日期'], 'date');
      return;
    }
    state.auditLoaded = true;
    await run($('audit-go'), async () => {
      const r = await api('GET', '/api/audit?date=' + encodeURIComponent(date));
      const entries = r && Array.isArray(r.entries) ? r.entries : [];
      $('audit-meta').textContent = `共 ${entries.length} 条 · 只读`;
      show($('audit-wrap'), true);
      show($('audit-empty'), entries.length === 0);
      show($('audit-table'), entries.length > 0);
      const body = clear($('audit-body'));
      for (const e of entries) {
        let detail = e.detail;
        if (detail !== null && typeof detail === 'object') detail = JSON.stringify(detail);
        body.append(el('tr', { dataset: { auditId: e.id } },
          el('td', { class: 'mono' }, isBlank(e.id) ? '—' : String(e.id)),
          el('td', { class: 'nowrap' }, fmtDateTime(e.at)),
          el('td', null, e.actor || '—'),
          el('td', null, roleLabel(e.role)),
          el('td', null, AUDIT_ACTIONS[e.action] || e.action || '—'),
          el('td', { class: 'mono' }, e.mdtrt_id || '—'),
          el('td', { class: 'wrap' }, e.reason || '—'),
          el('td', { class: 'small detail-cell wrap' }, isBlank(detail) ? '—' : String(detail))));
      }
    });
  }

  // ------------------------------------------------------------------ 确认对话框
  /** 打开确认对话框；确认 → true，取消 / Esc → false */
  function askConfirm(title, lead, okText) {
    const d = $('confirm-dialog');
    $('confirm-title').textContent = title;
    $('confirm-lead').textContent = lead;
    $('confirm-ok').textContent = okText;
    d.returnValue = '';
    d.showModal();
    $('confirm-cancel').focus(); // 默认落在“取消”，误按 Enter 不会执行
    return new Promise((resolve) => {
      d.addEventListener('close', () => resolve(d.returnValue === 'ok'), { once: true });
    });
  }

  // ------------------------------------------------------------------ 修改密码（本人）
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
      const errors = err instanceof ApiError ? err.errors : ['页面处理出错：' + (err && err.message ? err.message : String(err))];
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

  // ------------------------------------------------------------------ 账户管理（仅管理员）
  function roleOptions(select, selected) {
    clear(select);
    for (const [code, label] of Object.entries(ROLE_LABELS)) {
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
    for (const a of accounts) {
      const self = a.username === me;
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
      body.append(el('tr', {
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
          : button('disable', '停用', { danger: true, disabled: self })))));
    }
  }

  function showSecret(title, password) {
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

  async function createAccount(e) {
    e.preventDefault();
    clearNotice();
    const username = $('acc-username').value.trim();
    const role = $('acc-role').value;
    const password = $('acc-password').value;
    const invalid = (message, inputId) => {
      clearErrors();
      showErrors([message], inputId);
      $(inputId).focus();
    };
    if (!USERNAME_RE.test(username)) return invalid(USERNAME_RULE, 'acc-username');
    if (password && password.length < PASSWORD_MIN) return invalid(`自设密码至少 ${PASSWORD_MIN} 位；留空则由系统生成`, 'acc-password');
    const body = { username, role };
    if (password) body.password = password;
    await run($('acc-create'), async () => {
      const r = (await api('POST', '/api/accounts', body)) || {};
      $('acc-username').value = '';
      $('acc-password').value = '';
      const who = `${r.username || username}（${roleLabel(r.role || role)}）`;
      if (r.password) showSecret(`新账户 ${who} 的初始密码`, r.password);
      else showNotice(el('p', null, el('strong', { text: '已创建账户' }), ` ${who}，初始密码为您设定的密码。`));
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
        showNotice(el('p', null, el('strong', { text: '已修改角色' }), `：${username} 现为${roleLabel(role)}，该账户需重新登录。`));
      } else {
        await api('POST', `${path}/${action}`, {});
        showNotice(el('p', null, el('strong', { text: action === 'disable' ? '已停用账户' : '已启用账户' }), ` ${username}。`));
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

  // ------------------------------------------------------------------ 退出
  async function doLogout() {
    const b = $('logout');
    b.disabled = true;
    try {
      await fetch('/logout', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'X-Requested-With': 'counter', 'Content-Type': 'application/json' },
        body: '{}',
      });
    } catch (e) {
      /* 无论成功与否均回到登录页 */
    }
    window.location.assign('/login?logout=1');
  }

  // ------------------------------------------------------------------ 初始化
  function bind() {
    $('search-form').addEventListener('submit', (e) => { e.preventDefault(); doSearch(); });
    $('search-q').addEventListener('keydown', (e) => {
      if (e.key === 'ArrowDown') {
        const first = document.querySelector('#search-results-body tr');
        if (first && !$('search-results-wrap').hidden) { e.preventDefault(); first.focus(); }
      }
    });
    $('error-close').addEventListener('click', clearErrors);
    $('notice-close').addEventListener('click', clearNotice);
    $('logout').addEventListener('click', doLogout);
    $('change-password').addEventListener('click', openPassword);
    $('pw-form').addEventListener('submit', submitPassword);
    $('pw-form').addEventListener('input', updatePasswordHints);
    $('pw-cancel').addEventListener('click', closePassword);
    $('pw-close').addEventListener('click', closePassword);
    $('pw-dialog').addEventListener('cancel', (e) => { e.preventDefault(); closePassword(); });

    for (const t of TABS) {
      $('tab-' + t).addEventListener('click', () => selectTab(t));
      $('tab-' + t).addEventListener('keydown', onTabKey);
    }

    $('presettle').addEventListener('click', doPresettle);
    $('print-bill').addEventListener('click', doPrintBill);
    $('print-presettle').addEventListener('click', doPrintPresettle);
    $('cancel-bill').addEventListener('click', () => openReason('cancel'));
    $('resettle-bill').addEventListener('click', () => openReason('resettle'));

    $('working-close').addEventListener('click', () => $('working-panel').close());
    $('working-panel').addEventListener('click', (e) => { if (e.target === e.currentTarget) e.currentTarget.close(); });

    $('reason-text').addEventListener('input', updateReasonConfirm);
    $('reason-form').addEventListener('submit', confirmReason);
    $('reason-cancel').addEventListener('click', closeReason);
    $('reason-close').addEventListener('click', closeReason);
    $('reason-text').addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) confirmReason(e);
    });

    $('recon-form').addEventListener('submit', (e) => { e.preventDefault(); loadRecon(); });
    $('recon-date').addEventListener('change', updateCsvLink);
    $('recon-date').addEventListener('input', updateCsvLink);
    $('audit-form').addEventListener('submit', (e) => { e.preventDefault(); loadAudit(); });

    roleOptions($('acc-role'), 'clerk');
    $('acc-form').addEventListener('submit', createAccount);
    $('accounts-body').addEventListener('click', onAccountAction);
    $('accounts-body').addEventListener('change', onAccountRoleChange);
    $('acc-copy').addEventListener('click', copySecret);
    $('acc-new-password-close').addEventListener('click', closeSecret);
  }

  async function init() {
    bind();
    let me;
    try {
      me = await api('GET', '/api/me');
    } catch (e) {
      if (e instanceof ApiError && e.silent) return; // 跳转登录中
      document.body.classList.remove('is-loading');
      showErrors(e instanceof ApiError ? e.errors : ['页面初始化失败']);
      return;
    }
    state.me = me || {};
    // 对账、审计日志的默认日期：医院所在时区的今天（服务端时钟），与收费员电脑的时区无关
    if (state.me.today) {
      $('recon-date').value = state.me.today;
      $('audit-date').value = state.me.today;
    }
    updateCsvLink();
    $('hdr-hospital').textContent = state.me.hospital_name || '';
    $('hdr-user').textContent = state.me.username || '';
    $('hdr-role').textContent = roleLabel(state.me.role);
    $('hdr-role').dataset.role = state.me.role || '';
    document.title = `出院结算窗口 · ${state.me.hospital_name || ''}`;
    show($('tab-audit'), isSupervisor());
    show($('tab-accounts'), isAdmin());
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

  function visitFromHash() {
    const m = /^#visit=(.+)$/.exec(location.hash);
    if (!m) return null;
    try { return decodeURIComponent(m[1]); } catch (e) { return null; }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
