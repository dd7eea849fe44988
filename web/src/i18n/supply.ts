// UI texts of purchasing and the warehouse (采购管理, 库存管理), zh-CN first; resources.ts puts
// them under "supply" in both languages (the translations test keeps the keys equal).
export const supplyZh = {
  menu: {
    orders: '采购订单', newOrder: '新建采购订单', receiving: '采购收货', stockDocuments: '库存单据',
    newStockDocument: '新建库存单据', inventorySettings: '库存设置',
  },
  status: {
    draft: '草稿', pending: '审批中', approved: '已批准', rejected: '已驳回', partly_received: '部分收货',
    received: '已收货', invoiced: '已开票', closed: '已关闭', cancelled: '已取消',
  },
  scan: {
    placeholder: '扫描条码或输入物料编码后回车', hint: '扫描枪扫码后自动回车；箱码按箱计数，批次标签带出批号', resolving: '识别中…',
    taken: '已计入', addedToLine: '+{{unit}} → 第 {{n}} 行 {{item}}', over: '{{text}}（已超出订购数量）',
    not_on_order: '本订单没有物料 {{item}}', unit_mismatch: '{{item}} 的这个包装单位无法换算为订单行的单位，请扫描其他条码或手工填写',
  },
  removeLine: '删除第 {{n}} 行',
  line: {
    item: '物料', itemPick: '物料编码或名称', unit: '单位', quantity: '数量', price: '单价（不含税）', rate: '税率',
    amount: '金额', tax: '税额', total: '价税合计', totals: '合计', addLine: '增行', pack: '{{factor}}{{unit}}装', packOf: '{{name}}（×{{factor}}）',
  },
  problems: {
    invalid: '请输入数字', not_positive: '必须大于零', negative: '不能为负数', too_precise: '小数位数过多（数量最多 4 位，单价最多 6 位）',
    item_required: '请选择物料',
  },
  order: {
    title: '采购订单', newTitle: '新建采购订单', editTitle: '修改采购订单 {{code}}', toList: '采购订单列表', back: '返回订单',
    code: '订单号', supplier_id: '供应商', order_date: '订单日期', expected_date: '交货日期', warehouse_id: '收货仓库',
    payment_term_id: '付款条件', terms: '交易条款', notes: '备注', status: '状态',
    scan: '扫描条码添加物料（再扫一次数量加 1）', save: '保存草稿', saved: '采购订单 {{code}} 已保存',
    incomplete: '（有明细行尚不完整，未计入合计）', notEditable: '只有草稿或被驳回的订单可以修改；已批准的订单请先变更。',
    revision: '第 {{n}} 次变更', edit: '修改', submit: '提交审批', submitted: '已提交审批', approvedAtOnce: '无需审批，订单已批准',
    receive: '收货', receiveByScan: '扫码收货', return: '退货', invoice: '登记发票', amend: '变更', close: '关闭订单', cancel: '取消订单',
    reason: '原因',
    verbTitle: { amend: '变更订单 {{code}}', cancel: '取消订单 {{code}}', close: '关闭订单 {{code}}' },
    verbHelp: {
      amend: '订单退回草稿（修订版本加 1），修改后需重新提交审批。只有已批准且尚未收货的订单可以变更。',
      cancel: '取消后订单不能再收货或修改。已收货的订单不能取消。',
      close: '关闭后不再等待剩余货物；已收的货物仍可开票、退货。',
    },
    didVerb: { amend: '订单已退回草稿，请修改后重新提交', cancel: '订单已取消', close: '订单已关闭' },
    columns: { quantity: '订购', received: '已收', rejected: '拒收', returned: '已退', invoiced: '已开票' },
  },
  receipts: {
    title: '收货与退货记录', number: '单号', kind: '类型', kinds: { receipt: '采购入库', return: '采购退货' }, date: '日期',
    warehouse: '仓库', reason: '原因', value: '金额', voucher: '凭证', none: '尚无收货',
  },
  receive: {
    title: '采购收货', drawerTitle: '收货：{{code}} {{supplier}}', pickOrder: '扫描或输入订单号，或在下表中选择订单',
    orderNotFound: '没有订单号为 {{code}} 的待收货订单', noOrders: '没有待收货的订单', change: '换一张订单', openOrder: '查看订单',
    date: '收货日期', quarantine: '待检仓（存放拒收货物，可选）', quarantineHelp: '拒收的货物放入所选待检仓以便退货；不选则拒收货物当场退回、不入库。',
    note: '备注', expected: '待收', quantity: '本次到货', rejected: '其中拒收', reject_reason: '拒收原因', lot_number: '批号',
    produced_on: '生产日期', expires_on: '失效日期', post: '确认入库', posted: '已入库', postedAs: '已入库：{{number}}，金额 {{value}}',
    notReceivable: '该订单当前状态不能收货。',
  },
  ret: {
    drawerTitle: '退货：{{code}} {{supplier}}', date: '退货日期', warehouse: '从仓库', reason: '退货原因', post: '确认退货', posted: '已退货',
    received: '已收（净）', rejected: '拒收', quantity: '退货数量',
    help: '从收货仓库退回合格品；选择待检仓则退回质检拒收的货物。红字冲回入库凭证。',
  },
  inv: {
    drawerTitle: '登记供应商发票：{{code}} {{supplier}}', number: '发票号码', date: '开票日期', dueDate: '到期日（可选）',
    ordered: '订购', received: '已收（净）', invoiced: '已开票', quantity: '本次开票', orderPrice: '订单单价', price: '发票单价',
    priceDiffers: '与订单单价不同', beyond: '超过已收未开票数量 {{open}}', post: '登记并过账', posted: '发票已登记并过账，凭证待审核',
    match: '三单匹配：订单 · 收货 · 发票', help: '按行核对订购、已收（扣除退货）与已开票数量；单价默认取订单单价，超出容差时系统拒绝。',
  },
  stock: {
    title: '库存单据', new: '新建库存单据', newTitle: '新建库存单据', toList: '库存单据列表', all: '全部', range: '日期范围',
    kinds: { receipt: '其他入库', issue: '其他出库', adjustment: '库存调整', transfer: '调拨', scrap: '报废' },
    reasons: {
      count_gain: '盘盈', count_loss: '盘亏', damaged: '损坏', expired: '过期', found: '找到', lost: '丢失', correction: '更正',
      sample: '样品', other: '其他',
    },
    kind: '单据类型', number: '单号', date: '日期', warehouse: '仓库', fromWarehouse: '调出仓库', toWarehouse: '调入仓库',
    reason: '原因', note: '备注', value: '金额', voucher: '凭证', noVoucher: '无凭证（调拨或定期盘存）', moves: '流水数',
    none: '没有库存单据', quantity: '数量', signedQuantity: '数量（盘亏为负）', lot_number: '批号', lotRequired: '必填：批次管理',
    produced_on: '生产日期', expires_on: '失效日期', unit_cost: '单位成本', lineValue: '金额（预览）', post: '过账',
    posted: '{{number}} 已过账', movesTitle: '库存流水', adjustmentHelp: '库存调整：盘盈填正数，盘亏填负数，须选择原因。',
  },
  settings: {
    title: '库存设置', valuation: '存货核算方式', perpetual: '永续盘存', periodic: '定期盘存',
    perpetualHelp: '每张入库、出库、调整、报废单据自动生成凭证（草稿，待审核）',
    periodicHelp: '单据不生成凭证，期末由会计计算存货价值并记账', save: '保存', saved: '库存设置已保存',
  },
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const supplyEn: Shape<typeof supplyZh> = {
  menu: {
    orders: 'Purchase orders', newOrder: 'New purchase order', receiving: 'Goods receiving', stockDocuments: 'Stock documents',
    newStockDocument: 'New stock document', inventorySettings: 'Inventory settings',
  },
  status: {
    draft: 'Draft', pending: 'Pending approval', approved: 'Approved', rejected: 'Rejected', partly_received: 'Partly received',
    received: 'Received', invoiced: 'Invoiced', closed: 'Closed', cancelled: 'Cancelled',
  },
  scan: {
    placeholder: 'Scan a barcode or type an item code, then Enter', hint: 'Scanners end each code with Enter; a box barcode counts boxes, a lot label brings its lot',
    resolving: 'Looking up…', taken: 'counted', addedToLine: '+{{unit}} → line {{n}} {{item}}', over: '{{text}} (more than ordered)',
    not_on_order: 'This order has no {{item}}', unit_mismatch: 'This packing unit of {{item}} does not convert into the order line’s unit; scan another code or type the quantity',
  },
  removeLine: 'Remove line {{n}}',
  line: {
    item: 'Item', itemPick: 'Item code or name', unit: 'Unit', quantity: 'Quantity', price: 'Price excl. tax', rate: 'Tax rate',
    amount: 'Amount', tax: 'Tax', total: 'Total', totals: 'Totals', addLine: 'Add line', pack: 'pack of {{factor}} {{unit}}', packOf: '{{name}} (×{{factor}})',
  },
  problems: {
    invalid: 'A number, please', not_positive: 'Must be more than zero', negative: 'Cannot be negative',
    too_precise: 'Too many decimals (quantities 4, prices 6)', item_required: 'Pick an item',
  },
  order: {
    title: 'Purchase order', newTitle: 'New purchase order', editTitle: 'Change purchase order {{code}}', toList: 'Purchase orders', back: 'Back to the order',
    code: 'Order number', supplier_id: 'Supplier', order_date: 'Order date', expected_date: 'Expected delivery', warehouse_id: 'Receiving warehouse',
    payment_term_id: 'Payment term', terms: 'Terms', notes: 'Notes', status: 'Status',
    scan: 'Scan a barcode to add the item (scan again for one more)', save: 'Save draft', saved: 'Purchase order {{code}} saved',
    incomplete: '(some lines are not complete and left out)', notEditable: 'Only draft or rejected orders can be changed; amend an approved one first.',
    revision: 'revision {{n}}', edit: 'Edit', submit: 'Submit for approval', submitted: 'Submitted for approval', approvedAtOnce: 'No approval needed: the order is approved',
    receive: 'Receive', receiveByScan: 'Receive by scanning', return: 'Return', invoice: 'Enter invoice', amend: 'Amend', close: 'Close order', cancel: 'Cancel order',
    reason: 'Reason',
    verbTitle: { amend: 'Amend order {{code}}', cancel: 'Cancel order {{code}}', close: 'Close order {{code}}' },
    verbHelp: {
      amend: 'The order goes back to draft (revision + 1) to be changed and submitted again. Only approved orders with nothing received can be amended.',
      cancel: 'A cancelled order can no longer be received or changed. Orders with goods received cannot be cancelled.',
      close: 'The rest is no longer expected; what was received can still be invoiced or returned.',
    },
    didVerb: { amend: 'The order is a draft again: change it and submit it anew', cancel: 'Order cancelled', close: 'Order closed' },
    columns: { quantity: 'Ordered', received: 'Received', rejected: 'Rejected', returned: 'Returned', invoiced: 'Invoiced' },
  },
  receipts: {
    title: 'Receipts and returns', number: 'Number', kind: 'Kind', kinds: { receipt: 'Goods receipt', return: 'Return' }, date: 'Date',
    warehouse: 'Warehouse', reason: 'Reason', value: 'Value', voucher: 'Voucher', none: 'Nothing received yet',
  },
  receive: {
    title: 'Goods receiving', drawerTitle: 'Receive: {{code}} {{supplier}}', pickOrder: 'Scan or type the order number, or pick an order below',
    orderNotFound: 'No order {{code}} is waiting for goods', noOrders: 'No orders waiting for goods', change: 'Another order', openOrder: 'Open the order',
    date: 'Receipt date', quarantine: 'Quarantine warehouse for rejected goods (optional)',
    quarantineHelp: 'Rejected goods go to the chosen quarantine warehouse to be returned; without one they are refused at the door and never enter stock.',
    note: 'Note', expected: 'Expected', quantity: 'Arrived', rejected: 'Rejected', reject_reason: 'Reject reason', lot_number: 'Lot',
    produced_on: 'Produced on', expires_on: 'Expires on', post: 'Book in', posted: 'Goods booked in', postedAs: 'Booked in: {{number}}, value {{value}}',
    notReceivable: 'This order cannot be received in its current status.',
  },
  ret: {
    drawerTitle: 'Return: {{code}} {{supplier}}', date: 'Return date', warehouse: 'From warehouse', reason: 'Reason', post: 'Return goods', posted: 'Goods returned',
    received: 'Received (net)', rejected: 'Rejected', quantity: 'Return',
    help: 'Accepted goods go back from the receiving warehouse; choose the quarantine warehouse to send back rejected goods. The receipt’s posting is reversed in red.',
  },
  inv: {
    drawerTitle: 'Supplier invoice: {{code}} {{supplier}}', number: 'Invoice number', date: 'Invoice date', dueDate: 'Due date (optional)',
    ordered: 'Ordered', received: 'Received (net)', invoiced: 'Invoiced', quantity: 'This invoice', orderPrice: 'Order price', price: 'Invoice price',
    priceDiffers: 'differs from the order price', beyond: 'more than received and not invoiced ({{open}})', post: 'Enter and post', posted: 'Invoice entered and posted; its voucher awaits review',
    match: 'Three-way match: order · receipt · invoice', help: 'Line by line against ordered, received (net of returns) and already invoiced; the price defaults to the order price and is refused beyond the tolerance.',
  },
  stock: {
    title: 'Stock documents', new: 'New stock document', newTitle: 'New stock document', toList: 'Stock documents', all: 'All', range: 'Dates',
    kinds: { receipt: 'Other receipt', issue: 'Other issue', adjustment: 'Adjustment', transfer: 'Transfer', scrap: 'Scrap' },
    reasons: {
      count_gain: 'Count gain', count_loss: 'Count loss', damaged: 'Damaged', expired: 'Expired', found: 'Found', lost: 'Lost',
      correction: 'Correction', sample: 'Sample', other: 'Other',
    },
    kind: 'Kind', number: 'Number', date: 'Date', warehouse: 'Warehouse', fromWarehouse: 'From warehouse', toWarehouse: 'To warehouse',
    reason: 'Reason', note: 'Note', value: 'Value', voucher: 'Voucher', noVoucher: 'No voucher (transfer or periodic)', moves: 'Moves',
    none: 'No stock documents', quantity: 'Quantity', signedQuantity: 'Quantity (loss negative)', lot_number: 'Lot', lotRequired: 'required: lot tracked',
    produced_on: 'Produced on', expires_on: 'Expires on', unit_cost: 'Unit cost', lineValue: 'Value (preview)', post: 'Post',
    posted: '{{number}} posted', movesTitle: 'Stock moves', adjustmentHelp: 'Adjustments: gains positive, losses negative, with a reason.',
  },
  settings: {
    title: 'Inventory settings', valuation: 'Stock valuation posting', perpetual: 'Perpetual', periodic: 'Periodic',
    perpetualHelp: 'Every receipt, issue, adjustment and scrap writes its voucher (a draft for review)',
    periodicHelp: 'Documents write no vouchers; the accountant values stock at period end', save: 'Save', saved: 'Inventory settings saved',
  },
};
