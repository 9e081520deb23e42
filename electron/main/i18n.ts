/**
 * The main process's own words (menus, About, error dialogs), in the two languages of the renderer's catalogues. The
 * main process may not import the renderer, so it keeps this small catalogue; `zhCN` is typed by `en`'s shape, so a
 * missing text fails the type check. `{name}` marks a value filled in by `format`.
 */
export const en = {
  menu: {
    file: 'File',
    savePdf: 'Save as PDF…',
    quit: 'Quit',
    edit: 'Edit',
    view: 'View',
    window: 'Window',
    help: 'Help',
    about: 'About BayDesk',
    openLogs: 'Open the log folder',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    reload: 'Reload',
    resetZoom: 'Actual Size',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    fullScreen: 'Toggle Full Screen',
    minimize: 'Minimize',
    close: 'Close Window',
  },
  about: {
    title: 'About BayDesk',
    detail: 'Version {version}\n\nDatabase file: {database}\nData folder: {data}\nLog folder: {logs}',
    ok: 'OK',
  },
  errors: {
    title: 'BayDesk',
    unexpected: 'BayDesk met an unexpected error and wrote it to its log ({logs}).\n\n{message}',
    coreStopped: 'The part of BayDesk that keeps the database stopped unexpectedly. BayDesk will close; start it again.',
    credentialUnreadable:
      "This desk's pairing with the server cannot be read on this user account. Delete desk.json in the data folder and pair the desk again with a new code.",
    coreFailed: 'BayDesk could not open its database.\n\n{message}',
  },
};

export type Catalogue = typeof en;

export const zhCN: Catalogue = {
  menu: {
    file: '文件',
    savePdf: '另存为 PDF…',
    quit: '退出',
    edit: '编辑',
    view: '视图',
    window: '窗口',
    help: '帮助',
    about: '关于 BayDesk',
    openLogs: '打开日志文件夹',
    undo: '撤销',
    redo: '重做',
    cut: '剪切',
    copy: '复制',
    paste: '粘贴',
    selectAll: '全选',
    reload: '重新加载',
    resetZoom: '实际大小',
    zoomIn: '放大',
    zoomOut: '缩小',
    fullScreen: '切换全屏',
    minimize: '最小化',
    close: '关闭窗口',
  },
  about: {
    title: '关于 BayDesk',
    detail: '版本 {version}\n\n数据库文件：{database}\n数据文件夹：{data}\n日志文件夹：{logs}',
    ok: '确定',
  },
  errors: {
    title: 'BayDesk',
    unexpected: 'BayDesk 遇到意外错误，已写入日志（{logs}）。\n\n{message}',
    coreStopped: 'BayDesk 负责数据库的部分意外停止。BayDesk 将关闭，请重新启动。',
    credentialUnreadable:
      '在此用户账户下无法读取本工位与服务器的配对信息。请删除数据文件夹中的 desk.json，并用新的配对码重新配对。',
    coreFailed: 'BayDesk 无法打开数据库。\n\n{message}',
  },
};

export type MainLanguage = 'zh-CN' | 'en';

/** The desk's own choice if it made one (the renderer's `baydesk.language`), else the system locale: Chinese for any zh-*. */
export function mainLanguage(saved: unknown, systemLocales: readonly string[]): MainLanguage {
  if (saved === 'zh-CN' || saved === 'en') return saved;
  return (systemLocales[0] ?? '').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function catalogue(language: MainLanguage): Catalogue {
  return language === 'zh-CN' ? zhCN : en;
}

/** Fills `{name}` placeholders; an unknown name stays as written. */
export function format(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
