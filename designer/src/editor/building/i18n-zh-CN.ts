import type { buildingEn } from './i18n-en';

/** 快速搭建工具的中文文本（键与 i18n-en.ts 一一对应）。 */
export const buildingZhCN: typeof buildingEn = {
  callerLanguage: '{{name}}（来电者的语言：此步骤之后的提示使用该语言）',
  nextStep: {
    title: '添加下一步',
    search: '查找步骤类型',
    none: '没有匹配的步骤类型。',
    hint: '回车添加，Esc 取消。',
    from: '接在“{{from}}”› {{outlet}} 之后',
    template: '模板：{{name}}',
  },
  newVariable: {
    option: '新建变量…',
    title: '新建变量',
    name: '变量名',
    type: '类型',
    create: '创建',
    cancel: '取消',
    nameMissing: '请为变量命名。',
    nameInvalid: '“{{name}}”不能作为变量名：须以小写字母或“_”开头，其后只能是字母、数字或“_”（最多 64 个字符）。',
    nameTaken: '已有名为“{{name}}”的变量，请直接从列表中选择。',
    nameBuiltIn: '“{{name}}”是内置名称，请换一个。',
    tooMany: '此流程的变量已达上限（{{max}} 个）。',
  },
  duplicate: {
    button: '复制分支',
    title: '复制此步骤及只由它通往的步骤；流程其他部分也会用到的步骤保持共用。',
  },
  templates: {
    title: '模板',
    hint: '插入一组现成的步骤，再把它连接到你的流程。',
    insert: '插入模板“{{name}}”',
    businessHours: {
      name: '营业时间入口',
      description: '按营业时间分流：营业中、已下班或节假日，各有提示音。',
      hours: '营业时间',
      open: '欢迎语',
      closed: '下班提示',
      holiday: '节假日提示',
      goodbye: '再见',
    },
    queueCallback: {
      name: '排队并在超时后回拨',
      description: '来电者排队等候；等候过长时提供回拨，然后道别。',
      queue: '排队等候',
      callback: '提供回拨',
      goodbye: '再见',
    },
    languageChoice: {
      name: '语言选择',
      description: '菜单：按 1 或 2 选择流程使用的语言。',
      menu: '选择语言',
      first: '使用{{language}}',
      second: '使用{{language}}',
    },
  },
};
