// `verp demo`: the demo enterprise (demo.hpp). The data below is made up: names combine common
// words, codes follow the real formats (统一社会信用代码 and 身份证号 with correct check
// characters, EAN-13 barcodes), e-mail addresses and web sites use *.example.com so that nothing
// ever reaches a real mailbox.
#include "app/demo.hpp"
#include "app/demo_ledger.hpp"
#include "app/demo_trade.hpp"

#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <span>
#include <string_view>

#include "app/commands.hpp"
#include "modules/finance/finance_module.hpp"
#include "modules/identity/bootstrap.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/base/try.hpp"
#include "platform/entity/store.hpp"
#include "platform/files/file_store.hpp"

namespace verp::app {
namespace {

using boost::json::array;
using boost::json::object;
using std::int64_t;
using std::string;
using std::string_view;

constexpr string_view kMarker = "demo_loaded";
constexpr std::uint32_t kSeed = 20240601;

// ---------------------------------------------------------------------------------------------
// Randomness: std::mt19937's output is fixed by the standard, the std distributions are not, so
// the ranges are reduced here and the data is the same with every standard library.

class Random {
 public:
  explicit Random(std::uint32_t seed) : engine_(seed) {}

  std::size_t below(std::size_t n) { return static_cast<std::size_t>(engine_() % n); }
  int64_t between(int64_t low, int64_t high) {
    return low + static_cast<int64_t>(engine_() % static_cast<std::uint64_t>(high - low + 1));
  }
  bool chance(int percent) { return below(100) < static_cast<std::size_t>(percent); }
  template <typename T>
  const T& pick(std::span<const T> from) {
    return from[below(from.size())];
  }
  template <typename T>
  void shuffle(std::vector<T>& items) {
    for (std::size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[below(i)]);
  }
  string digits(int count) {
    string out;
    for (int i = 0; i < count; ++i) out += static_cast<char>('0' + below(10));
    return out;
  }

 private:
  std::mt19937 engine_;
};

// ---------------------------------------------------------------------------------------------
// Vocabulary.

struct City {
  string_view name, pinyin, region, area, code, district1, district2;
};

constexpr City kCities[] = {
    {"上海", "shanghai", "上海市", "华东", "310115", "浦东新区", "闵行区"},
    {"北京", "beijing", "北京市", "华北", "110105", "朝阳区", "海淀区"},
    {"天津", "tianjin", "天津市", "华北", "120116", "滨海新区", "西青区"},
    {"重庆", "chongqing", "重庆市", "西南", "500112", "渝北区", "九龙坡区"},
    {"深圳", "shenzhen", "广东省深圳市", "华南", "440305", "南山区", "宝安区"},
    {"广州", "guangzhou", "广东省广州市", "华南", "440106", "天河区", "黄埔区"},
    {"东莞", "dongguan", "广东省东莞市", "华南", "441900", "长安镇", "松山湖高新区"},
    {"佛山", "foshan", "广东省佛山市", "华南", "440606", "顺德区", "南海区"},
    {"珠海", "zhuhai", "广东省珠海市", "华南", "440402", "香洲区", "金湾区"},
    {"惠州", "huizhou", "广东省惠州市", "华南", "441302", "惠城区", "仲恺高新区"},
    {"中山", "zhongshan", "广东省中山市", "华南", "442000", "火炬开发区", "小榄镇"},
    {"杭州", "hangzhou", "浙江省杭州市", "华东", "330108", "滨江区", "余杭区"},
    {"宁波", "ningbo", "浙江省宁波市", "华东", "330212", "鄞州区", "北仑区"},
    {"温州", "wenzhou", "浙江省温州市", "华东", "330302", "鹿城区", "瓯海区"},
    {"嘉兴", "jiaxing", "浙江省嘉兴市", "华东", "330402", "南湖区", "秀洲区"},
    {"绍兴", "shaoxing", "浙江省绍兴市", "华东", "330602", "越城区", "柯桥区"},
    {"苏州", "suzhou", "江苏省苏州市", "华东", "320506", "工业园区", "吴中区"},
    {"南京", "nanjing", "江苏省南京市", "华东", "320115", "江宁区", "建邺区"},
    {"无锡", "wuxi", "江苏省无锡市", "华东", "320214", "新吴区", "滨湖区"},
    {"常州", "changzhou", "江苏省常州市", "华东", "320412", "武进区", "新北区"},
    {"合肥", "hefei", "安徽省合肥市", "华东", "340104", "蜀山区", "包河区"},
    {"厦门", "xiamen", "福建省厦门市", "华东", "350203", "思明区", "湖里区"},
    {"福州", "fuzhou", "福建省福州市", "华东", "350102", "鼓楼区", "仓山区"},
    {"青岛", "qingdao", "山东省青岛市", "华东", "370211", "黄岛区", "城阳区"},
    {"济南", "jinan", "山东省济南市", "华东", "370102", "历下区", "槐荫区"},
    {"郑州", "zhengzhou", "河南省郑州市", "华中", "410105", "金水区", "郑东新区"},
    {"武汉", "wuhan", "湖北省武汉市", "华中", "420111", "洪山区", "东湖高新区"},
    {"长沙", "changsha", "湖南省长沙市", "华中", "430104", "岳麓区", "雨花区"},
    {"成都", "chengdu", "四川省成都市", "西南", "510107", "武侯区", "高新区"},
    {"西安", "xian", "陕西省西安市", "西北", "610113", "雁塔区", "未央区"},
    {"沈阳", "shenyang", "辽宁省沈阳市", "东北", "210112", "浑南区", "铁西区"},
    {"昆明", "kunming", "云南省昆明市", "西南", "530102", "五华区", "官渡区"},
};

constexpr string_view kRoads[] = {"科技路", "创业大道", "工业大道", "建设路", "人民路", "长江路",  "高新四路",
                                  "湖滨路", "文化路",   "金桥路",   "中山路", "解放路", "新华路",  "滨河路",
                                  "科苑路", "星湖街",   "园区大道", "学府路", "振兴路", "环城北路"};

struct Word {
  string_view han, pinyin;
};

constexpr Word kBrands[] = {
    {"恒达", "hengda"},   {"鑫源", "xinyuan"},   {"华创", "huachuang"},  {"宏图", "hongtu"},
    {"瑞丰", "ruifeng"},  {"中科", "zhongke"},   {"金诚", "jincheng"},   {"博远", "boyuan"},
    {"天行", "tianxing"}, {"卓越", "zhuoyue"},   {"嘉禾", "jiahe"},      {"永信", "yongxin"},
    {"盛世", "shengshi"}, {"凯瑞", "kairui"},    {"联创", "lianchuang"}, {"万通", "wantong"},
    {"新锐", "xinrui"},   {"德润", "derun"},     {"安泰", "antai"},      {"众诚", "zhongcheng"},
    {"远航", "yuanhang"}, {"智联", "zhilian"},   {"云帆", "yunfan"},     {"明辉", "minghui"},
    {"泰和", "taihe"},    {"正邦", "zhengbang"}, {"华信", "huaxin"},     {"鼎盛", "dingsheng"},
    {"海纳", "haina"},    {"蓝海", "lanhai"},    {"东方", "dongfang"},   {"宏达", "hongda"},
    {"精工", "jinggong"}, {"锐思", "ruisi"},     {"华峰", "huafeng"},    {"同创", "tongchuang"},
    {"汇智", "huizhi"},   {"启明", "qiming"},    {"九州", "jiuzhou"},    {"星辰", "xingchen"},
    {"佳信", "jiaxin"},   {"富源", "fuyuan"},    {"康达", "kangda"},     {"恒信", "hengxin"},
    {"科瑞", "kerui"},    {"铭泰", "mingtai"},   {"润邦", "runbang"},    {"聚鑫", "juxin"},
    {"志远", "zhiyuan"},  {"弘毅", "hongyi"},    {"信达", "xinda"},      {"飞扬", "feiyang"},
    {"金桥", "jinqiao"},  {"中天", "zhongtian"}, {"百川", "baichuan"},   {"兴旺", "xingwang"},
    {"通达", "tongda"},   {"辰光", "chenguang"}, {"元亨", "yuanheng"},   {"德众", "dezhong"},
    {"君悦", "junyue"},   {"立信", "lixin"},     {"宝丰", "baofeng"},    {"华盛", "huasheng"},
    {"荣达", "rongda"},   {"新宇", "xinyu"},     {"昌盛", "changsheng"}, {"永昌", "yongchang"},
    {"鸿运", "hongyun"},  {"创新", "chuangxin"},
};

struct Trade {
  string_view word, slug, industry;
  int weight;
};

constexpr Trade kCustomerTrades[] = {
    {"精密机械", "jingmi", "manufacturing", 3},
    {"电子科技", "dianzi", "manufacturing", 4},
    {"智能装备", "zhineng", "manufacturing", 2},
    {"电器", "dianqi", "manufacturing", 2},
    {"五金制品", "wujin", "manufacturing", 1},
    {"自动化设备", "zidonghua", "manufacturing", 2},
    {"新能源科技", "xinnengyuan", "manufacturing", 2},
    {"光电科技", "guangdian", "manufacturing", 1},
    {"汽车零部件", "qipei", "manufacturing", 1},
    {"商贸", "shangmao", "wholesale_retail", 3},
    {"贸易", "maoyi", "wholesale_retail", 2},
    {"电子商务", "dianshang", "wholesale_retail", 2},
    {"百货", "baihuo", "wholesale_retail", 1},
    {"建设工程", "jianshe", "construction", 1},
    {"建筑装饰", "zhuangshi", "construction", 1},
    {"机电安装", "jidian", "construction", 1},
    {"信息技术", "xinxi", "it", 2},
    {"网络科技", "wangluo", "it", 2},
    {"软件", "ruanjian", "it", 1},
    {"物流", "wuliu", "logistics", 1},
    {"供应链管理", "gongyinglian", "logistics", 1},
    {"医疗器械", "yiliao", "healthcare", 1},
    {"健康科技", "jiankang", "healthcare", 1},
    {"教育科技", "jiaoyu", "education", 1},
    {"实业", "shiye", "other", 1},
    {"环保科技", "huanbao", "other", 1},
    {"物业管理", "wuye", "other", 1},
};

struct SupplyTrade {
  string_view word, slug, category;
  int lead_low, lead_high;
};

constexpr SupplyTrade kMakerSupplyTrades[] = {
    {"电子", "dianzi", "电子元器件", 7, 30},
    {"微电子", "weidianzi", "电子元器件", 10, 45},
    {"半导体", "bandaoti", "电子元器件", 14, 60},
    {"电子元件", "yuanjian", "电子元器件", 5, 20},
    {"电路板", "dianluban", "PCB", 7, 15},
    {"五金制品", "wujin", "五金件", 5, 15},
    {"精密五金", "jmwujin", "五金件", 7, 20},
    {"紧固件", "jingujian", "五金件", 3, 10},
    {"塑胶制品", "sujiao", "塑胶件", 7, 20},
    {"模具", "muju", "塑胶件", 15, 40},
    {"包装材料", "baozhuang", "包材", 3, 10},
    {"纸品包装", "zhipin", "包材", 3, 10},
    {"印刷", "yinshua", "包材", 3, 7},
    {"线缆", "xianlan", "线材", 5, 15},
    {"电线电缆", "dianlan", "线材", 5, 15},
    {"化工", "huagong", "辅料", 5, 15},
    {"新材料", "xincailiao", "辅料", 7, 20},
    {"物流", "wuliu", "物流服务", 1, 3},
};

constexpr SupplyTrade kTraderSupplyTrades[] = {
    {"数码科技", "shuma", "数码配件", 3, 10},    {"电子商务", "dianshang", "数码配件", 2, 7},
    {"文化用品", "wenhua", "办公用品", 2, 5},    {"纸业", "zhiye", "办公用品", 3, 7},
    {"日用品", "riyong", "日用百货", 3, 7},      {"家居用品", "jiaju", "日用百货", 3, 10},
    {"包装材料", "baozhuang", "包装耗材", 2, 5}, {"物流", "wuliu", "物流服务", 1, 3},
    {"智能科技", "zhineng", "智能家居", 5, 15},
};

constexpr Word kSurnames[] = {
    {"王", "wang"},  {"李", "li"},    {"张", "zhang"}, {"刘", "liu"},   {"陈", "chen"}, {"杨", "yang"}, {"黄", "huang"},
    {"赵", "zhao"},  {"吴", "wu"},    {"周", "zhou"},  {"徐", "xu"},    {"孙", "sun"},  {"马", "ma"},   {"朱", "zhu"},
    {"胡", "hu"},    {"郭", "guo"},   {"何", "he"},    {"高", "gao"},   {"林", "lin"},  {"罗", "luo"},  {"郑", "zheng"},
    {"梁", "liang"}, {"谢", "xie"},   {"宋", "song"},  {"唐", "tang"},  {"许", "xu"},   {"韩", "han"},  {"冯", "feng"},
    {"邓", "deng"},  {"曹", "cao"},   {"彭", "peng"},  {"曾", "zeng"},  {"肖", "xiao"}, {"田", "tian"}, {"董", "dong"},
    {"袁", "yuan"},  {"潘", "pan"},   {"于", "yu"},    {"蒋", "jiang"}, {"蔡", "cai"},  {"余", "yu"},   {"杜", "du"},
    {"叶", "ye"},    {"程", "cheng"}, {"苏", "su"},    {"魏", "wei"},   {"吕", "lv"},   {"丁", "ding"}, {"任", "ren"},
    {"沈", "shen"},
};

constexpr Word kMaleGiven[] = {
    {"伟", "wei"},        {"强", "qiang"},    {"磊", "lei"},        {"军", "jun"},       {"勇", "yong"},
    {"杰", "jie"},        {"涛", "tao"},      {"斌", "bin"},        {"超", "chao"},      {"明", "ming"},
    {"刚", "gang"},       {"平", "ping"},     {"辉", "hui"},        {"鹏", "peng"},      {"华", "hua"},
    {"飞", "fei"},        {"鑫", "xin"},      {"波", "bo"},         {"宇", "yu"},        {"浩", "hao"},
    {"凯", "kai"},        {"健", "jian"},     {"俊", "jun"},        {"帆", "fan"},       {"旭", "xu"},
    {"宁", "ning"},       {"龙", "long"},     {"阳", "yang"},       {"峰", "feng"},      {"建国", "jianguo"},
    {"志强", "zhiqiang"}, {"海涛", "haitao"}, {"晓东", "xiaodong"}, {"文博", "wenbo"},   {"子轩", "zixuan"},
    {"浩然", "haoran"},   {"俊杰", "junjie"}, {"建华", "jianhua"},  {"国栋", "guodong"}, {"明轩", "mingxuan"},
};

constexpr Word kFemaleGiven[] = {
    {"芳", "fang"},      {"娜", "na"},        {"敏", "min"},      {"静", "jing"},     {"丽", "li"},
    {"艳", "yan"},       {"娟", "juan"},      {"霞", "xia"},      {"玲", "ling"},     {"丹", "dan"},
    {"萍", "ping"},      {"婷", "ting"},      {"雪", "xue"},      {"琳", "lin"},      {"颖", "ying"},
    {"倩", "qian"},      {"慧", "hui"},       {"欣", "xin"},      {"悦", "yue"},      {"秀英", "xiuying"},
    {"桂英", "guiying"}, {"晓燕", "xiaoyan"}, {"海燕", "haiyan"}, {"雨欣", "yuxin"},  {"思琪", "siqi"},
    {"梦瑶", "mengyao"}, {"佳怡", "jiayi"},   {"雅婷", "yating"}, {"诗涵", "shihan"}, {"欣怡", "xinyi"},
    {"丽娟", "lijuan"},  {"晓敏", "xiaomin"},
};

constexpr string_view kMobilePrefixes[] = {"130", "131", "132", "133", "135", "136", "137", "138", "139", "150",
                                           "151", "152", "153", "155", "156", "158", "159", "166", "177", "180",
                                           "182", "183", "185", "186", "187", "188", "189", "199"};

constexpr string_view kBanks[] = {"中国工商银行", "中国建设银行", "中国银行", "中国农业银行", "交通银行",
                                  "招商银行",     "浦发银行",     "中信银行", "兴业银行",     "平安银行"};

// ---------------------------------------------------------------------------------------------
// Codes in their real formats.

// `value` with leading zeros to `width` digits (value >= 0).
string pad(int64_t value, std::size_t width) {
  string text = std::to_string(value);
  return text.size() >= width ? text : string(width - text.size(), '0') + text;
}

// 统一社会信用代码 (GB 32100-2015): 9 1 (enterprise), the area code, the organisation code
// (GB 11714, with its check character) and the check character over all 17.
string credit_code(Random& random, string_view area) {
  constexpr string_view kChars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  string org;
  if (random.chance(60)) {
    org = "MA";
    for (int i = 0; i < 6; ++i) org += kChars[random.below(kChars.size())];
  } else {
    org = random.digits(8);
  }
  constexpr int kOrgWeights[] = {3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 8; ++i) {
    const char c = org[static_cast<std::size_t>(i)];
    sum += (c <= '9' ? c - '0' : c - 'A' + 10) * kOrgWeights[i];
  }
  const int org_check = 11 - sum % 11;
  org += org_check == 10 ? 'X' : org_check == 11 ? '0' : static_cast<char>('0' + org_check);
  string code = "91" + string(area) + org;
  int total = 0;
  int weight = 1;
  for (char c : code) {
    total += static_cast<int>(kChars.find(c)) * weight;
    weight = weight * 3 % 31;
  }
  code += kChars[static_cast<std::size_t>((31 - total % 31) % 31)];
  return code;
}

// 居民身份证号 (GB 11643): area, birth date, sequence (odd for men), ISO 7064 MOD 11-2 check.
string id_number(Random& random, string_view area, storage::Date birth, bool female) {
  string number = string(area.substr(0, 4)) + "0";
  number += std::to_string(random.between(1, 9));
  number += pad(birth.year, 4) + pad(birth.month, 2) + pad(birth.day, 2);
  number += random.digits(2);
  number += static_cast<char>('0' + (female ? 2 * random.between(0, 4) : 2 * random.between(0, 4) + 1));
  constexpr int kWeights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (number[static_cast<std::size_t>(i)] - '0') * kWeights[i];
  number += string_view("10X98765432")[static_cast<std::size_t>(sum % 11)];
  return number;
}

// EAN-13 from a 7-digit GS1 company prefix and a 5-digit item reference.
string ean13(string_view prefix, int64_t reference) {
  string code = string(prefix.substr(0, 7)) + pad(reference % 100000, 5);
  int sum = 0;
  for (std::size_t i = 0; i < 12; ++i) sum += (code[i] - '0') * (i % 2 == 0 ? 1 : 3);
  code += static_cast<char>('0' + (10 - sum % 10) % 10);
  return code;
}

// Decimal text from an integer count of 10^-scale units: amount(12345, 2) = "123.45".
string amount(int64_t units, int scale) {
  int64_t divisor = 1;
  for (int i = 0; i < scale; ++i) divisor *= 10;
  string text = std::to_string(units / divisor);
  if (scale > 0) {
    string fraction = std::to_string(units % divisor);
    text += "." + string(static_cast<std::size_t>(scale) - fraction.size(), '0') + fraction;
  }
  return text;
}

storage::Date day(int year, int month, int d) { return storage::Date{year, month, d}; }

storage::Date random_day(Random& random, storage::Date from, storage::Date to) {
  return storage::Date::from_days(random.between(from.to_days(), to.to_days()));
}

// ---------------------------------------------------------------------------------------------
// The member companies and what each makes or sells.

struct Family {
  string_view name;
  string_view category;  // finished-goods sub-category code
  string_view variants[4];
  string_view spec;
  int cost_low, cost_high;  // yuan
  bool metal;               // aluminium housing instead of plastic
  string_view accessory;    // kind of a raw material packed with it, or ""
};

// clang-format off
constexpr Family kHeadFamilies[] = {
    {"智能温控器", "0301", {"T100 白色", "T100 黑色", "T200 白色", "T200 黑色"}, "86型面板 AC220V WiFi+BLE 3.5寸屏", 60, 95, false, ""},
    {"智能插座", "0301", {"S20 10A", "S20 16A", "S30 电量统计版", "S30 Pro"}, "国标 AC250V WiFi 联网", 18, 40, false, ""},
    {"智能门锁", "0302", {"L8 指纹版", "L8 人脸版", "L9 青铜色", "L9 曜石黑"}, "C级锁芯 指纹+密码+NFC", 380, 720, true, "battery"},
    {"空气质量检测仪", "0301", {"A3", "A3 Pro", "A5", "A5 Pro"}, "PM2.5/CO2/TVOC/温湿度 2.8寸屏", 120, 260, false, "usb_cable"},
    {"智能网关", "0301", {"G1", "G1 Pro", "G2 Zigbee版", "G2 Matter版"}, "Zigbee 3.0 + BLE Mesh 以太网", 70, 150, false, "power_cord"},
    {"智能窗帘电机", "0301", {"C5", "C5 Pro", "C6 静音版", "C6 锂电版"}, "1.2N·m 静音 45dB", 150, 280, true, "power_cord"},
    {"人体感应器", "0302", {"P2", "P2 Pro", "P3 毫米波版", "P3 Pro"}, "PIR 7m 120° Zigbee", 18, 60, false, "battery"},
    {"烟雾报警器", "0302", {"F1", "F1 联网版", "F2", "F2 联网版"}, "光电式 85dB GB20517", 35, 80, false, "battery"},
    {"智能开关", "0301", {"K1 单键", "K1 双键", "K1 三键", "K2 零火版"}, "86型 单火线 AC220V", 25, 55, false, ""},
    {"温湿度计", "0301", {"H1 墨水屏", "H1 Pro", "H2 液晶屏", "H2 Pro"}, "±0.3℃ ±3%RH BLE", 12, 30, false, "battery"},
};

constexpr Family kShenzhenFamilies[] = {
    {"工业网关", "0301", {"IG-500 四网口", "IG-500 4G版", "IG-510 WiFi版", "IG-520 双4G版"}, "ARM Cortex-A7 RS485×2 DIN导轨安装", 260, 520, true, "power_cord"},
    {"数据采集器", "0301", {"DAQ-8", "DAQ-16", "DAQ-32", "DAQ-16 隔离版"}, "16位ADC 0-10V/4-20mA Modbus RTU", 180, 420, true, "power_cord"},
    {"电源适配器", "0302", {"12V 2A", "12V 5A", "24V 3A", "5V 3A Type-C"}, "3C认证 能效六级 过压过流保护", 9, 28, false, "power_cord"},
    {"LED驱动电源", "0302", {"40W", "60W", "100W", "150W 防水版"}, "恒流输出 PF>0.95 IP67", 22, 85, true, ""},
    {"锂电池组", "0302", {"7.4V 4000mAh", "11.1V 6000mAh", "14.8V 8000mAh", "24V 10Ah"}, "18650电芯 带BMS保护板", 45, 260, false, "battery"},
    {"移动电源", "0303", {"10000mAh 白色", "10000mAh 黑色", "20000mAh", "20000mAh 快充版"}, "PD 20W 双向快充 Type-C", 35, 75, false, "usb_cable"},
    {"蓝牙音箱", "0303", {"BS-1 黑色", "BS-1 蓝色", "BS-2", "BS-2 Pro"}, "蓝牙5.3 10W IPX6", 40, 110, false, "usb_cable"},
    {"无线充电器", "0303", {"15W 立式", "15W 平板式", "三合一", "车载款"}, "Qi认证 异物检测", 22, 68, false, "usb_cable"},
    {"智能手环", "0303", {"B6 黑色", "B6 粉色", "B7", "B7 NFC版"}, "1.47寸 AMOLED 心率血氧", 55, 120, false, "usb_cable"},
    {"4G DTU模块", "0301", {"DTU-100", "DTU-200", "DTU-300 RS485版", "DTU-300 以太网版"}, "Cat.1 全网通 透明传输", 75, 160, true, "power_cord"},
};
// clang-format on

struct Category {
  string_view code, name, parent;  // parent code, "" for a root
};

constexpr Category kMakerCategories[] = {
    {"01", "原材料", ""},   {"0101", "电子元器件", "01"}, {"0102", "五金件", "01"}, {"0103", "塑胶件", "01"},
    {"0104", "包材", "01"}, {"0105", "线材", "01"},       {"0106", "辅料", "01"},   {"02", "半成品", ""},
    {"0201", "PCBA", "02"}, {"0202", "组件", "02"},       {"03", "产成品", ""},
};
constexpr Category kHeadFinishedCategories[] = {{"0301", "智能家居", "03"}, {"0302", "安防产品", "03"}};
constexpr Category kShenzhenFinishedCategories[] = {
    {"0301", "工业物联网", "03"}, {"0302", "电源产品", "03"}, {"0303", "消费电子", "03"}};
constexpr Category kTraderCategories[] = {
    {"04", "商品", ""},         {"0401", "数码配件", "04"}, {"0402", "智能家居", "04"},
    {"0403", "办公用品", "04"}, {"0404", "家居日用", "04"}, {"05", "低值易耗品", ""},
    {"0501", "包装耗材", "05"}, {"06", "服务", ""},         {"0601", "增值服务", "06"},
};

struct Post {
  string_view department, position;
};

constexpr Post kMakerPosts[] = {
    {"总经理办公室", "总经理"}, {"总经理办公室", "副总经理"}, {"总经理办公室", "行政专员"}, {"财务部", "财务经理"},
    {"财务部", "会计"},         {"财务部", "会计"},           {"财务部", "出纳"},           {"人力资源部", "人事经理"},
    {"人力资源部", "招聘专员"}, {"销售部", "销售总监"},       {"销售部", "销售经理"},       {"销售部", "销售经理"},
    {"销售部", "销售代表"},     {"销售部", "销售代表"},       {"销售部", "销售代表"},       {"销售部", "销售助理"},
    {"采购部", "采购经理"},     {"采购部", "采购员"},         {"采购部", "采购员"},         {"生产部", "生产经理"},
    {"生产部", "生产计划员"},   {"生产部", "车间主任"},       {"生产部", "车间主任"},       {"仓储部", "仓库主管"},
    {"仓储部", "仓管员"},       {"仓储部", "仓管员"},         {"质量部", "质量经理"},       {"质量部", "质检员"},
    {"研发部", "研发经理"},     {"研发部", "硬件工程师"},
};

constexpr Post kTraderPosts[] = {
    {"总经理办公室", "总经理"},
    {"总经理办公室", "行政专员"},
    {"财务部", "财务经理"},
    {"财务部", "会计"},
    {"财务部", "会计"},
    {"财务部", "出纳"},
    {"人力资源部", "人事专员"},
    {"销售部", "销售总监"},
    {"销售部", "大客户经理"},
    {"销售部", "大客户经理"},
    {"销售部", "销售代表"},
    {"销售部", "销售代表"},
    {"销售部", "销售代表"},
    {"销售部", "销售代表"},
    {"销售部", "销售助理"},
    {"电商运营部", "运营经理"},
    {"电商运营部", "电商运营专员"},
    {"电商运营部", "电商运营专员"},
    {"电商运营部", "客服专员"},
    {"电商运营部", "客服专员"},
    {"电商运营部", "美工设计"},
    {"采购部", "采购经理"},
    {"采购部", "采购员"},
    {"采购部", "采购员"},
    {"物流部", "物流经理"},
    {"物流部", "仓管员"},
    {"物流部", "仓管员"},
    {"物流部", "配送专员"},
    {"信息部", "IT工程师"},
    {"信息部", "数据分析师"},
};

struct Profile {
  string code;  // company code; also in record codes: C-SZ-0001
  string name;
  const City* home = nullptr;
  string address;
  string warehouse_address;
  string domain;      // the company's own e-mail domain
  string gs1_prefix;  // 7 digits
  bool maker = true;
  int customers = 0;
  int suppliers = 0;
  std::vector<string_view> nearby;  // region prefixes most partners come from
  std::span<const Family> families;
  std::size_t bom_families = 0;
  std::span<const Category> finished_categories;
  std::int64_t id = 0;
};

const City& city_named(string_view name) {
  for (const City& city : kCities) {
    if (city.name == name) return city;
  }
  return kCities[0];
}

// ---------------------------------------------------------------------------------------------
// Items: what the makers buy and make, what the trader sells.

struct Draft {
  string code, name, spec, category, type, uom, source = "buy";
  string kind;         // for BOMs: resistor, capacitor, mcu, pcb, top, bottom, box, manual, screw, …
  string family;       // the product family a part or assembly belongs to
  int64_t cost = 0;    // standard cost, 1/10000 yuan
  int64_t price = -1;  // list price, fen; -1: none
  string tax = "VAT13";
  int64_t safety = -1, minimum = -1, maximum = -1;  // quantities; -1: none
  int lead_time = -1;
  bool lot = false;
  int shelf_life = 0;
  object attributes;
  std::int64_t id = 0;
};

struct Part {
  string name, spec, kind;
  int64_t cost;  // 1/10000 yuan
  string uom = "PCS";
  bool essential = false;
  bool lot = false;
  int shelf_life = 0;
};

std::vector<Part> electronic_parts() {
  std::vector<Part> parts;
  const std::pair<string_view, string_view> kSizes[] = {{"0402", "1/16W"}, {"0603", "1/10W"}, {"0805", "1/8W"}};
  const int64_t kSizeCost[] = {20, 30, 50};
  for (std::size_t s = 0; s < 3; ++s) {
    for (string_view value : {"10Ω", "100Ω", "1kΩ", "4.7kΩ", "10kΩ", "47kΩ", "100kΩ", "1MΩ"}) {
      parts.push_back({"贴片电阻 " + string(kSizes[s].first) + " " + string(value),
                       string(kSizes[s].first) + " " + string(value) + " ±1% " + string(kSizes[s].second), "resistor",
                       kSizeCost[s], "PCS", s == 1 && (value == "10kΩ" || value == "1kΩ")});
    }
    const std::pair<string_view, string_view> kCaps[] = {
        {"100nF", "50V X7R"}, {"1μF", "25V X7R"}, {"10μF", "16V X5R"}, {"22pF", "50V C0G"}};
    for (const auto& [value, rating] : kCaps) {
      parts.push_back({"贴片电容 " + string(kSizes[s].first) + " " + string(value),
                       string(kSizes[s].first) + " " + string(value) + " " + string(rating) + " ±10%", "capacitor",
                       kSizeCost[s] * 2 + (value == "10μF" ? 150 : 0), "PCS",
                       (s == 1 && value == "100nF") || (s == 2 && value == "10μF")});
    }
  }
  const Part kOthers[] = {
      {"电解电容 100μF 25V", "6.3×7mm 105℃ 2000h", "capacitor", 450},
      {"电解电容 470μF 16V", "8×12mm 105℃ 2000h", "capacitor", 620},
      {"电解电容 1000μF 35V", "13×20mm 105℃ 5000h", "capacitor", 1800},
      {"电解电容 220μF 50V", "10×13mm 105℃ 3000h", "capacitor", 900},
      {"开关二极管 1N4148", "SOD-323 100V 150mA", "diode", 80},
      {"整流二极管 1N4007", "SMA 1000V 1A", "diode", 120},
      {"肖特基二极管 SS34", "SMA 40V 3A", "diode", 250},
      {"整流二极管 M7", "SMA 1000V 1A", "diode", 90},
      {"三极管 S8050", "SOT-23 NPN 25V 0.5A", "transistor", 110},
      {"三极管 S8550", "SOT-23 PNP 25V 0.5A", "transistor", 110},
      {"三极管 MMBT3904", "SOT-23 NPN 40V 0.2A", "transistor", 130},
      {"场效应管 AO3400", "SOT-23 N沟道 30V 5.8A", "transistor", 450},
      {"场效应管 AO3401", "SOT-23 P沟道 30V 4A", "transistor", 480},
      {"场效应管 IRF540N", "TO-220 N沟道 100V 33A", "transistor", 3200},
      {"稳压芯片 AMS1117-3.3", "SOT-223 3.3V 1A LDO", "regulator", 650, "PCS", true},
      {"稳压芯片 LM7805", "TO-220 5V 1.5A", "regulator", 1100},
      {"降压芯片 XL1509-5.0", "SOP-8 5V 2A", "regulator", 2400},
      {"降压芯片 TPS5430", "SOIC-8 3A 宽压输入", "regulator", 9800},
      {"单片机 STM32F103C8T6", "LQFP-48 72MHz 64KB Flash", "mcu", 78000, "PCS", true},
      {"单片机 STM32F030F4P6", "TSSOP-20 48MHz 16KB Flash", "mcu", 32000},
      {"单片机 GD32F303RCT6", "LQFP-64 120MHz 256KB Flash", "mcu", 95000},
      {"WiFi模组 ESP32-WROOM-32E", "双核 240MHz 4MB Flash 板载天线", "mcu", 168000, "PCS", true},
      {"WiFi模组 ESP8266-12F", "80MHz 4MB Flash", "mcu", 98000},
      {"蓝牙模组 nRF52832", "BLE 5.0 板载天线", "mcu", 135000},
      {"4G模组 EC20", "Cat.4 全网通 LCC封装", "mcu", 1650000},
      {"晶振 8MHz", "HC-49S 20pF ±20ppm", "crystal", 700, "PCS", true},
      {"晶振 12MHz", "3225 贴片 20pF ±10ppm", "crystal", 900},
      {"晶振 32.768kHz", "2×6 圆柱 12.5pF", "crystal", 500},
      {"晶振 25MHz", "3225 贴片 18pF ±10ppm", "crystal", 950},
      {"贴片LED 0603 红色", "0603 620nm 20mA", "led", 90, "PCS", true},
      {"贴片LED 0603 绿色", "0603 525nm 20mA", "led", 100},
      {"贴片LED 0805 白色", "0805 6000K 20mA", "led", 140},
      {"直插LED 5mm 蓝色", "5mm 470nm 20mA", "led", 120},
      {"温湿度传感器 SHT30", "DFN-8 I2C ±0.3℃", "sensor", 48000},
      {"温度传感器 DS18B20", "TO-92 单总线 ±0.5℃", "sensor", 38000},
      {"人体红外传感器 AM312", "PIR 3-5m 数字输出", "sensor", 26000},
      {"光照传感器 BH1750", "WSOF6I I2C 16位", "sensor", 15000},
      {"烟雾传感器 MQ-2", "可燃气体/烟雾 模拟输出", "sensor", 42000},
      {"霍尔传感器 A3144", "TO-92S 开关型", "sensor", 1800},
      {"继电器 5V 10A", "SRD-05VDC-SL-C 一组转换", "relay", 22000},
      {"继电器 12V 10A", "HF32F-12-HS 一组常开", "relay", 26000},
      {"连接器 XH2.54 2P", "2.54mm 直针 插座", "connector", 150},
      {"连接器 XH2.54 4P", "2.54mm 直针 插座", "connector", 220, "PCS", true},
      {"USB Type-C 母座 16P", "沉板 贴片 防水", "connector", 1800},
      {"排针 2.54mm 1×40P", "单排 直针 镀金", "connector", 600},
      {"网口座 RJ45", "带灯 带变压器 HR911105A", "connector", 9500},
      {"OLED显示屏 0.96寸", "128×64 I2C 白色", "display", 98000},
      {"墨水屏 1.54寸", "200×200 SPI 黑白", "display", 135000},
      {"TFT液晶屏 2.8寸", "240×320 SPI ILI9341", "display", 225000},
      {"段码液晶屏 LCD1602", "16×2 字符 蓝底白字", "display", 62000},
      {"有源蜂鸣器 5V", "12×9.5mm 85dB", "buzzer", 1200},
      {"无源蜂鸣器 3.3V", "9×5.5mm 贴片", "buzzer", 1500},
      {"功率电感 4.7μH", "CD54 2.2A", "inductor", 600},
      {"功率电感 10μH", "CD54 1.4A", "inductor", 600},
      {"功率电感 22μH", "CD75 1.5A", "inductor", 850},
      {"自恢复保险丝 0.5A", "1206 贴片 16V", "fuse", 600},
      {"自恢复保险丝 1A", "1812 贴片 16V", "fuse", 900},
      {"锂电池 3.7V 2000mAh", "18650 动力型 10C", "battery", 92000, "PCS", true, true, 730},
      {"锂电池 3.7V 1000mAh", "103450 聚合物 带保护板", "battery", 58000, "PCS", false, true, 730},
      {"锂电池 3.7V 5000mAh", "21700 动力型", "battery", 145000, "PCS", false, true, 730},
      {"纽扣电池 CR2032", "3V 220mAh", "battery", 4500, "PCS", false, true, 1095},
      {"碱性电池 AA", "1.5V LR6", "battery", 6800, "PCS", false, true, 1825},
  };
  for (const Part& part : kOthers) parts.push_back(part);
  return parts;
}

// Raw materials every maker keeps besides electronic parts: (category, part).
std::vector<std::pair<string, Part>> general_parts() {
  return {
      {"0102", {"十字盘头螺丝 M2×5", "304不锈钢 十字盘头 M2×5", "screw", 150}},
      {"0102", {"十字盘头螺丝 M3×6", "304不锈钢 十字盘头 M3×6", "screw", 180}},
      {"0102", {"十字盘头螺丝 M3×8", "304不锈钢 十字盘头 M3×8", "screw", 200}},
      {"0102", {"十字盘头螺丝 M4×10", "304不锈钢 十字盘头 M4×10", "screw", 300}},
      {"0102", {"自攻螺丝 PA2×6", "黑色镀锌 十字圆头 PA2×6", "screw", 80}},
      {"0102", {"自攻螺丝 PA3×8", "黑色镀锌 十字圆头 PA3×8", "screw", 110}},
      {"0102", {"铜柱 M3×10", "黄铜 单头 M3×10+6", "hardware", 450}},
      {"0102", {"铜柱 M3×15", "黄铜 双通 M3×15", "hardware", 500}},
      {"0102", {"散热片 20×20×10mm", "铝合金 氧化黑", "hardware", 3500}},
      {"0102", {"散热片 40×40×15mm", "铝合金 氧化黑", "hardware", 8500}},
      {"0102", {"接地弹片", "铍铜 镀镍 SMT", "hardware", 600}},
      {"0102", {"螺母 M3", "304不锈钢 六角", "hardware", 100}},
      {"0102", {"平垫 M3", "304不锈钢 外径7mm", "hardware", 50}},
      {"0103", {"导光柱 φ3mm", "PC 透明 长8mm", "plastic", 800}},
      {"0103", {"硅胶按键 单键", "硅胶 邵氏50A 白色", "plastic", 1500}},
      {"0103", {"防水密封圈 φ50mm", "硅胶 截面1.5mm", "plastic", 2200}},
      {"0103", {"透明视窗 40×30mm", "PC 1mm 丝印", "plastic", 3000}},
      {"0103", {"硅胶脚垫 φ10mm", "3M背胶 黑色", "plastic", 300}},
      {"0104", {"瓦楞纸箱 大号", "600×400×400mm 五层 K=K", "carton", 68000}},
      {"0104", {"瓦楞纸箱 中号", "400×300×300mm 五层 A=A", "carton", 42000}},
      {"0104", {"瓦楞纸箱 小号", "300×200×150mm 三层", "carton", 21000}},
      {"0104", {"EPE珍珠棉内衬", "定制 厚10mm 白色", "packing", 6500}},
      {"0104", {"防静电袋 100×150mm", "自封 屏蔽型", "packing", 350}},
      {"0104", {"防静电袋 150×200mm", "自封 屏蔽型", "packing", 500}},
      {"0104", {"合格证标签", "铜版纸不干胶 40×30mm", "packing", 80, "SHT"}},
      {"0104", {"封箱胶带 48mm", "48mm×100m 透明", "packing", 38000, "ROL"}},
      {"0105", {"电子线 UL1007 24AWG 红色", "镀锡铜 PVC 80℃ 300V", "wire", 3500, "M"}},
      {"0105", {"电子线 UL1007 24AWG 黑色", "镀锡铜 PVC 80℃ 300V", "wire", 3500, "M"}},
      {"0105", {"热缩管 φ3mm", "2:1 阻燃 黑色", "wire", 2000, "M"}},
      {"0105", {"FFC排线 0.5mm 20P", "长100mm 同向", "wire", 4500}},
      {"0105", {"电源线 国标 1.5m", "3C认证 2×0.75mm² 8字尾", "power_cord", 42000}},
      {"0105", {"USB数据线 Type-C 1m", "USB-A转Type-C 2A 白色", "usb_cable", 26000}},
      {"0106", {"无铅焊锡丝 0.8mm", "Sn99.3Cu0.7 含松香 500g/卷", "consumable", 1250000, "KG", false, true, 720}},
      {"0106", {"无铅锡膏 SAC305", "Sn96.5Ag3Cu0.5 500g/瓶 冷藏", "consumable", 3800000, "KG", false, true, 180}},
      {"0106", {"导热硅脂", "导热系数 3.0W/m·K 灰色", "consumable", 1600000, "KG", false, true, 365}},
      {"0106", {"三防漆", "丙烯酸 透明 UV可检", "consumable", 980000, "KG", false, true, 365}},
      {"0106", {"704硅橡胶", "单组份 白色 耐高温", "consumable", 450000, "KG", false, true, 365}},
      {"0106", {"免清洗助焊剂", "低固含量 25L/桶", "consumable", 320000, "KG", false, true, 365}},
      {"0106", {"洗板水", "环保型 快干", "consumable", 180000, "KG", false, true, 730}},
  };
}

struct Goods {
  string_view category, name, spec, uom;
  int64_t cost, price;  // fen; price -1: not sold
  string_view tax = "VAT13";
  int shelf_life = 0;
};

constexpr Goods kTraderGoods[] = {
    {"0401", "USB-C 数据线 1m 白色", "编织 3A 快充", "PCS", 650, 1990},
    {"0401", "USB-C 数据线 2m 黑色", "编织 3A 快充", "PCS", 820, 2590},
    {"0401", "Lightning 数据线 1m", "MFi 认证", "PCS", 1800, 4900},
    {"0401", "氮化镓充电器 65W", "2C1A 折叠插脚", "PCS", 5200, 12900},
    {"0401", "快充充电器 20W", "PD3.0 Type-C", "PCS", 1600, 3990},
    {"0401", "快充充电器 33W", "PD+QC 双口", "PCS", 2200, 5900},
    {"0401", "无线充电器 15W 平板式", "Qi 协议", "PCS", 2800, 6900},
    {"0401", "蓝牙耳机 TWS-X1 白色", "蓝牙5.3 主动降噪", "PCS", 6500, 15900},
    {"0401", "蓝牙耳机 TWS-X1 黑色", "蓝牙5.3 主动降噪", "PCS", 6500, 15900},
    {"0401", "头戴式耳机 H300", "有线 3.5mm 带麦克风", "PCS", 4500, 9900},
    {"0401", "无线鼠标 M100", "2.4G 1600DPI", "PCS", 1800, 4500},
    {"0401", "静音鼠标 M200", "蓝牙+2.4G 双模", "PCS", 2600, 6900},
    {"0401", "机械键盘 K87 青轴", "87键 有线", "PCS", 12000, 25900},
    {"0401", "机械键盘 K104 红轴", "104键 RGB背光", "PCS", 15500, 32900},
    {"0401", "移动硬盘 1TB", "USB3.0 2.5英寸", "PCS", 24000, 36900},
    {"0401", "移动硬盘 2TB", "USB3.0 2.5英寸", "PCS", 34500, 51900},
    {"0401", "U盘 64GB", "USB3.2 金属外壳", "PCS", 2200, 4990},
    {"0401", "U盘 128GB", "USB3.2 金属外壳", "PCS", 3600, 7990},
    {"0401", "手机支架 桌面款", "铝合金 可折叠", "PCS", 1200, 3500},
    {"0401", "车载手机支架", "出风口 磁吸", "PCS", 1500, 3900},
    {"0401", "HDMI高清线 1.5m", "2.0版 4K60Hz", "PCS", 900, 2500},
    {"0401", "HDMI高清线 3m", "2.0版 4K60Hz", "PCS", 1300, 3500},
    {"0401", "Type-C扩展坞 七合一", "HDMI+USB3.0×3+SD+TF+PD", "PCS", 8500, 18900},
    {"0401", "Type-C扩展坞 五合一", "HDMI+USB3.0×2+PD", "PCS", 5800, 12900},
    {"0401", "高清摄像头 1080P", "自动对焦 带麦克风", "PCS", 6800, 14900},
    {"0401", "屏幕清洁套装", "200ml喷雾+超细纤维布", "PCS", 450, 1590},
    {"0401", "笔记本支架", "铝合金 六档可调", "PCS", 3800, 8900},
    {"0401", "USB排插 6位", "1.8m 带USB 3C认证", "PCS", 3200, 6900},
    {"0401", "鼠标垫 大号", "800×300mm 锁边", "PCS", 800, 2500},
    {"0401", "蓝牙音箱 迷你款", "5W 防水IPX5", "PCS", 4200, 9900},
    {"0403", "A4复印纸 70g", "500张/包 5包/箱", "CTN", 9800, 13500},
    {"0403", "A4复印纸 80g", "500张/包 5包/箱", "CTN", 11800, 15900},
    {"0403", "A3复印纸 80g", "500张/包 5包/箱", "CTN", 23000, 29900},
    {"0403", "中性笔 0.5mm 黑色", "12支/盒", "BOX", 960, 1800},
    {"0403", "中性笔 0.5mm 红色", "12支/盒", "BOX", 960, 1800},
    {"0403", "中性笔芯 0.5mm 黑色", "20支/盒", "BOX", 800, 1500},
    {"0403", "皮面笔记本 A5", "80页 横线", "PCS", 650, 1500},
    {"0403", "双强力夹文件夹 A4", "PP 蓝色", "PCS", 320, 800},
    {"0403", "档案盒 A4", "55mm 塑料", "PCS", 480, 1000},
    {"0403", "订书机 12号", "可订20页", "PCS", 950, 2200},
    {"0403", "订书钉 12号", "1000枚/盒", "BOX", 120, 350},
    {"0403", "便利贴 76×76mm", "100张/本 12本/包", "PKG", 900, 1990},
    {"0403", "白板笔 黑色", "10支/盒 可擦", "BOX", 1200, 2500},
    {"0403", "长尾夹 32mm", "24只/盒", "BOX", 550, 1200},
    {"0403", "计算器 12位", "太阳能双电源", "PCS", 1800, 3900},
    {"0403", "透明胶带 18mm", "10卷/筒", "PKG", 420, 990},
    {"0403", "办公剪刀", "不锈钢 21cm", "PCS", 400, 990},
    {"0403", "美工刀 大号", "18mm刀片", "PCS", 350, 800},
    {"0403", "固体胶 21g", "12支/盒", "BOX", 1400, 2800},
    {"0403", "桌面文件架", "三层 金属网", "PCS", 1800, 3900},
    {"0404", "保温杯 500ml", "316不锈钢", "PCS", 3200, 7900},
    {"0404", "抽纸 3层 130抽", "24包/箱", "CTN", 3600, 5990, "VAT13", 1095},
    {"0404", "洗手液 500ml", "抑菌 泡沫型", "PCS", 850, 1990, "VAT13", 1095},
    {"0404", "纯棉毛巾", "34×76cm 32股", "PCS", 900, 2500},
    {"0404", "三折晴雨伞", "黑胶防晒", "PCS", 1800, 4500},
    {"0404", "收纳箱 60L", "PP 带滑轮", "PCS", 2600, 5900},
    {"0404", "LED护眼台灯", "三档调光 USB供电", "PCS", 4800, 10900},
    {"0404", "桶装饮用水 18.9L", "饮用纯净水", "PCS", 1200, 2000, "VAT13", 90},
    {"0404", "咖啡胶囊 意式浓缩", "10粒/盒", "BOX", 2200, 4500, "VAT13", 365},
    {"0404", "一次性纸杯 250ml", "50只/包", "PKG", 550, 1200},
    {"0404", "垃圾袋 中号", "50×60cm 100只/卷", "ROL", 600, 1390},
    {"0404", "植绒防滑衣架", "10只/包", "PKG", 1200, 2990},
    {"0501", "快递纸箱 3号", "350×190×230mm 五层", "PCS", 120, -1},
    {"0501", "快递纸箱 5号", "290×170×190mm 五层", "PCS", 85, -1},
    {"0501", "快递纸箱 7号", "230×130×160mm 三层", "PCS", 45, -1},
    {"0501", "气泡膜", "宽50cm 双层", "ROL", 2800, -1},
    {"0501", "封箱胶带", "48mm×100m 透明", "ROL", 380, -1},
    {"0501", "快递袋", "38×52cm 灰色 100只/包", "PKG", 1600, -1},
    {"0501", "热敏面单纸", "100×150mm 500张/卷", "ROL", 950, -1},
    {"0501", "PP打包带", "宽15mm 10kg/卷", "ROL", 4500, -1},
    {"0501", "缠绕膜", "宽50cm 3kg/卷", "ROL", 3200, -1},
    {"0501", "浸胶劳保手套", "12双/包", "PKG", 1800, -1},
    {"0501", "一次性口罩", "50只/盒", "BOX", 1200, -1, "VAT13", 730},
    {"0501", "防静电袋 200×300mm", "100只/包", "PKG", 2200, -1},
    {"0501", "珍珠棉卷材", "厚2mm 宽1m", "ROL", 5500, -1},
    {"0501", "热敏标签纸", "60×40mm 800张/卷", "ROL", 650, -1},
    {"0501", "硅胶干燥剂 5g", "100包/袋", "PKG", 900, -1},
    {"0601", "上门安装服务", "智能家居产品安装调试", "SVC", 6000, 15000, "VAT9"},
    {"0601", "技术支持服务 年度", "远程技术支持 7×24小时", "SVC", 80000, 200000, "VAT6"},
    {"0601", "同城配送服务", "杭州市内 次日达", "SVC", 2500, 5000, "VAT9"},
};

// ---------------------------------------------------------------------------------------------
// People and partners.

struct Person {
  string name, pinyin;
  bool female = false;
};

Person random_person(Random& random) {
  const Word& surname = random.pick(std::span<const Word>(kSurnames));
  const bool female = random.chance(45);
  const Word& given =
      female ? random.pick(std::span<const Word>(kFemaleGiven)) : random.pick(std::span<const Word>(kMaleGiven));
  return Person{string(surname.han) + string(given.han), string(surname.pinyin) + string(given.pinyin), female};
}

// An e-mail address: the local part made unique within the whole demo.
string email(std::set<string>& taken, const string& local, const string& domain) {
  string address = local + "@" + domain;
  for (int n = 2; !taken.insert(address).second; ++n) address = local + std::to_string(n) + "@" + domain;
  return address;
}

string mobile(Random& random, std::set<string>& taken) {
  for (;;) {
    string number(random.pick(std::span<const string_view>(kMobilePrefixes)));
    number += random.digits(8);
    if (taken.insert(number).second) return number;
  }
}

const City& partner_city(Random& random, const Profile& profile) {
  if (random.chance(60)) {
    std::vector<const City*> near;
    for (const City& city : kCities) {
      for (string_view prefix : profile.nearby) {
        if (city.region.starts_with(prefix)) near.push_back(&city);
      }
    }
    if (!near.empty()) return *near[random.below(near.size())];
  }
  return kCities[random.below(std::size(kCities))];
}

string street_address(Random& random, const City& city) {
  string address = string(city.region) + string(random.chance(50) ? city.district1 : city.district2);
  address += random.pick(std::span<const string_view>(kRoads));
  return address + std::to_string(random.between(1, 999)) + "号";
}

// "招商银行深圳南山支行 6225881234567890" (district names are CJK: 2 characters = 6 bytes).
string bank_account(Random& random, const City& city) {
  string account(random.pick(std::span<const string_view>(kBanks)));
  account += string(city.name) + string(random.chance(50) ? city.district1 : city.district2).substr(0, 6) + "支行 ";
  account += std::to_string(random.between(1, 9));
  const int length = static_cast<int>(random.between(15, 18));
  return account + random.digits(length);
}

// ---------------------------------------------------------------------------------------------
// The loader: every record through EntityStore::create, skipping those an interrupted earlier
// run already made (by code), so the same records come out either way.

class Loader {
 public:
  Loader(Application& app, const entity::EntityStore& store, DemoReport& report)
      : app_(app), store_(store), report_(report) {}

  void count(string_view entity, string_view label, int64_t n = 1) {
    for (auto& entry : report_.counts) {
      if (entry.entity == entity) {
        entry.created += n;
        report_.total += n;
        return;
      }
    }
    report_.counts.push_back(DemoCount{string(entity), string(label), n});
    report_.total += n;
  }

  // Creates the record unless one with `key` (its code; "bom/sequence" for BOM lines) exists.
  Result<int64_t> put(const security::Principal& as, string_view entity, const string& key, object body) {
    const entity::EntitySpec* spec = app_.entities->find(entity);
    if (spec == nullptr) return make_error(ErrorKind::internal, "demo.no_entity", "no entity " + string(entity));
    VERP_TRY(auto* known, existing(*spec, spec->company_scoped ? std::optional<int64_t>(as.company_id) : std::nullopt));
    if (auto found = known->find(key); found != known->end()) {
      ++report_.kept;
      return found->second;
    }
    auto created = store_.create(*spec, as, body, /*confirm_duplicates=*/true, entity::Caller{"local", "verp demo"});
    if (!created || !created->record) {
      Error error = created ? make_error(ErrorKind::internal, "demo.not_created") : created.error();
      string detail = string(entity) + " " + key + ": " + (error.detail.empty() ? error.message_id : error.detail);
      for (const auto& field : error.fields) detail += "; " + field.field + " " + field.code;
      error.detail = std::move(detail);
      return error;
    }
    const int64_t id = created->record->id;
    known->emplace(key, id);
    count(entity, spec->label.zh);
    return id;
  }

 private:
  Result<std::map<string, int64_t>*> existing(const entity::EntitySpec& spec, std::optional<int64_t> company) {
    auto slot = std::make_pair(spec.name, company.value_or(0));
    if (auto found = cache_.find(slot); found != cache_.end()) return &found->second;
    const bool lines = spec.name == "bom_line";
    string sql = lines ? "SELECT bom_id, sequence, id FROM bom_lines" : "SELECT code, id FROM " + spec.table;
    std::vector<storage::Value> params;
    if (company) {
      sql += " WHERE company_id = $1";
      params.emplace_back(*company);
    }
    auto rows = app_.database->read([&](storage::Connection& c) { return c.query(sql, storage::Params(params)); });
    if (!rows) return rows.error();
    std::map<string, int64_t> known;
    for (const auto& row : *rows) {
      if (lines) {
        VERP_TRY(auto bom, row.int64(0));
        VERP_TRY(auto sequence, row.int64(1));
        VERP_TRY(auto id, row.int64(2));
        known.emplace(std::to_string(bom) + "/" + std::to_string(sequence), id);
      } else {
        VERP_TRY(auto code, row.text(0));
        VERP_TRY(auto id, row.int64(1));
        known.emplace(std::move(code), id);
      }
    }
    return &cache_.emplace(slot, std::move(known)).first->second;
  }

  Application& app_;
  const entity::EntityStore& store_;
  DemoReport& report_;
  std::map<std::pair<string, int64_t>, std::map<string, int64_t>> cache_;
};

// ---------------------------------------------------------------------------------------------
// One member company's data.

// What must stay unique across the whole demo.
struct Taken {
  std::set<string> emails, phones, names, domains;
};

class CompanyBuilder {
 public:
  CompanyBuilder(Loader& loader, Random& random, const Profile& profile, security::Principal as,
                 const std::map<string, int64_t>& currencies, Taken& taken)
      : loader_(loader),
        random_(random),
        profile_(profile),
        as_(std::move(as)),
        currencies_(currencies),
        taken_(taken) {}

  Status build() {
    VERP_CHECK(references());
    VERP_CHECK(employees());
    VERP_CHECK(warehouses());
    VERP_CHECK(customers());
    VERP_CHECK(suppliers());
    VERP_CHECK(categories());
    VERP_CHECK(items());
    return bills_of_materials();
  }

 private:
  string code(string_view prefix, int n) const { return string(prefix) + "-" + profile_.code + "-" + pad(n, 4); }

  Result<int64_t> put(string_view entity, const string& key, object body) {
    return loader_.put(as_, entity, key, std::move(body));
  }

  Status references() {
    struct Tax {
      string_view code, name, rate;
    };
    for (const Tax& tax :
         {Tax{"VAT13", "增值税 13%", "0.13"}, Tax{"VAT9", "增值税 9%", "0.09"}, Tax{"VAT6", "增值税 6%", "0.06"},
          Tax{"VAT3", "增值税 3%（小规模纳税人）", "0.03"}, Tax{"VAT0", "增值税 零税率（出口）", "0"}}) {
      VERP_TRY(taxes_[string(tax.code)],
               put("tax_rate", string(tax.code),
                   {{"code", tax.code}, {"name", tax.name}, {"kind", "vat"}, {"rate", tax.rate}}));
    }
    struct Term {
      string_view code, name, basis;
      int days;
    };
    for (const Term& term : {Term{"PREPAY", "款到发货", "invoice_date", 0}, Term{"N30", "票到30天", "invoice_date", 30},
                             Term{"N60", "票到60天", "invoice_date", 60}, Term{"M30", "月结30天", "month_end", 30},
                             Term{"M60", "月结60天", "month_end", 60}, Term{"M90", "月结90天", "month_end", 90}}) {
      VERP_TRY(terms_[string(term.code)],
               put("payment_term", string(term.code),
                   {{"code", term.code}, {"name", term.name}, {"basis", term.basis}, {"days", term.days}}));
    }
    struct Unit {
      string_view code, name;
      int decimals;
    };
    for (const Unit& unit : {Unit{"PCS", "个", 0}, Unit{"PCE", "件", 0}, Unit{"SET", "套", 0}, Unit{"BOX", "盒", 0},
                             Unit{"PKG", "包", 0}, Unit{"CTN", "箱", 0}, Unit{"ROL", "卷", 0}, Unit{"SHT", "张", 0},
                             Unit{"SVC", "次", 0}, Unit{"KG", "千克", 3}, Unit{"M", "米", 2}}) {
      VERP_TRY(units_[string(unit.code)], put("unit_of_measure", string(unit.code),
                                              {{"code", unit.code}, {"name", unit.name}, {"decimals", unit.decimals}}));
    }
    return {};
  }

  Status employees() {
    std::span<const Post> posts =
        profile_.maker ? std::span<const Post>(kMakerPosts) : std::span<const Post>(kTraderPosts);
    std::set<string> colleagues;  // no two of the same name in one company
    int n = 0;
    for (const Post& post : posts) {
      ++n;
      Person person = random_person(random_);
      while (!colleagues.insert(person.name).second) person = random_person(random_);
      const bool senior = post.position.ends_with("经理") || post.position.ends_with("总监") ||
                          post.position.ends_with("总经理") || post.position.ends_with("主管");
      const auto hired = senior ? random_day(random_, day(2010, 3, 1), day(2018, 12, 31))
                                : random_day(random_, day(2014, 3, 1), day(2024, 11, 30));
      const int64_t years = random_.between(senior ? 30 : 22, senior ? 45 : 35);
      const auto born = storage::Date::from_days(hired.to_days() - years * 365 - random_.between(0, 364));
      string status = "active";
      if (!senior && random_.chance(6))
        status = "left";
      else if (random_.chance(5))
        status = "on_leave";
      const City& birthplace = random_.chance(50) ? *profile_.home : kCities[random_.below(std::size(kCities))];
      object body{{"code", code("E", n)},
                  {"name", person.name},
                  {"gender", person.female ? "female" : "male"},
                  {"position", post.position},
                  {"department_name", post.department},
                  {"phone", mobile(random_, taken_.phones)},
                  {"email", email(taken_.emails, person.pinyin, profile_.domain)},
                  {"hired_on", hired.to_string()},
                  {"status", status},
                  {"id_number", id_number(random_, birthplace.code, born, person.female)}};
      if (status == "left") body["notes"] = "已办理离职交接";
      VERP_CHECK(put("employee", code("E", n), std::move(body)));
      if (post.position == "仓管员" || post.position == "仓库主管") keepers_.push_back(person.name);
    }
    return {};
  }

  Status warehouses() {
    struct Store {
      string_view code, name, kind;
    };
    struct Place {
      string_view warehouse, code, name, kind;
    };
    constexpr Store kStores[] = {
        {"WH-RM", "原料仓", "raw_material"}, {"WH-FG", "成品仓", "finished"}, {"WH-QC", "待检仓", "quarantine"}};
    constexpr Place kPlaces[] = {
        {"WH-RM", "RM-RCV", "原料收货区", "receiving"},  {"WH-RM", "RM-A01", "A区01货架", "storage"},
        {"WH-RM", "RM-A02", "A区02货架", "storage"},     {"WH-RM", "RM-B01", "B区01货架（电子料防潮柜）", "storage"},
        {"WH-FG", "FG-A01", "成品A区01货架", "storage"}, {"WH-FG", "FG-A02", "成品A区02货架", "storage"},
        {"WH-FG", "FG-SHP", "发货区", "shipping"},       {"WH-QC", "QC-01", "待检区", "quarantine"},
        {"WH-QC", "QC-02", "不合格品区", "quarantine"},
    };
    std::map<string_view, int64_t> ids;
    int n = 0;
    for (const Store& store : kStores) {
      object body{{"code", store.code},
                  {"name", store.name},
                  {"kind", store.kind},
                  {"address", profile_.warehouse_address + " " + std::to_string(++n) + "号库"},
                  {"allow_negative", false}};
      if (!keepers_.empty()) body["keeper"] = keepers_[static_cast<std::size_t>(n - 1) % keepers_.size()];
      VERP_TRY(ids[store.code], put("warehouse", string(store.code), std::move(body)));
    }
    for (const Place& place : kPlaces) {
      VERP_CHECK(put(
          "location", string(place.code),
          {{"warehouse_id", ids[place.warehouse]}, {"code", place.code}, {"name", place.name}, {"kind", place.kind}}));
    }
    return {};
  }

  // City + brand + trade + 有限公司, unique across the demo.
  std::pair<string, const Word*> company_name(const City& city, string_view trade, bool listed) {
    for (;;) {
      const Word& brand = random_.pick(std::span<const Word>(kBrands));
      string name = string(city.name) + string(brand.han) + string(trade) + (listed ? "股份有限公司" : "有限公司");
      if (taken_.names.insert(name).second) return {name, &brand};
    }
  }

  string domain_for(const Word& brand, string_view slug, const City& city) {
    string domain = string(brand.pinyin) + "-" + string(slug) + ".example.com";
    if (taken_.domains.insert(domain).second) return domain;
    const string stem = string(brand.pinyin) + "-" + string(city.pinyin);
    domain = stem + ".example.com";
    for (int n = 2; !taken_.domains.insert(domain).second; ++n) domain = stem + std::to_string(n) + ".example.com";
    return domain;
  }

  Status customers() {
    std::vector<std::size_t> weighted;
    for (std::size_t i = 0; i < std::size(kCustomerTrades); ++i) {
      for (int w = 0; w < kCustomerTrades[i].weight; ++w) weighted.push_back(i);
    }
    constexpr string_view kNotes[] = {"年度框架协议客户，每季度对账一次",   "要求随货附出厂检验报告",
                                      "开具增值税专用发票，开票资料已确认", "春节前后备货需求大，需提前排产",
                                      "送货需提前一天预约，仓库周日不收货", "新客户，首单款到发货"};
    for (int n = 1; n <= profile_.customers; ++n) {
      const City& city = partner_city(random_, profile_);
      const Trade& trade = kCustomerTrades[weighted[random_.below(weighted.size())]];
      const int grade_roll = static_cast<int>(random_.below(100));
      const string grade = grade_roll < 12 ? "A" : grade_roll < 40 ? "B" : grade_roll < 85 ? "C" : "D";
      constexpr string_view kScales[] = {"micro", "small", "small", "medium"};
      const string scale = grade == "A" ? (random_.chance(60) ? "large" : "medium")
                                        : string(random_.pick(std::span<const string_view>(kScales)));
      const auto [name, brand] = company_name(city, trade.word, scale == "large" && random_.chance(40));
      const int status_roll = static_cast<int>(random_.below(100));
      const string status = status_roll < 10   ? "prospect"
                            : status_roll < 90 ? "active"
                            : status_roll < 96 ? "suspended"
                                               : "ended";
      int64_t credit = 0;
      if (status != "prospect") {
        if (grade == "A")
          credit = random_.between(10, 50) * 100000;
        else if (grade == "B")
          credit = random_.between(6, 20) * 50000;
        else if (grade == "C")
          credit = random_.between(5, 30) * 10000;
        else
          credit = random_.between(0, 10) * 5000;
      }
      const char* ratings_by_grade[4][2] = {{"AAA", "AA"}, {"AA", "A"}, {"A", "B"}, {"B", "C"}};
      const string rating = ratings_by_grade[grade[0] - 'A'][random_.below(2)];
      string term = "PREPAY";
      if (status != "prospect") {
        const char* terms_by_grade[4][2] = {{"M60", "M90"}, {"M30", "M60"}, {"M30", "PREPAY"}, {"PREPAY", "PREPAY"}};
        term = terms_by_grade[grade[0] - 'A'][random_.below(2)];
      }
      const int currency_roll = static_cast<int>(random_.below(100));
      const string currency = currency_roll < 8    ? "USD"
                              : currency_roll < 11 ? "HKD"
                              : currency_roll < 13 ? "EUR"
                                                   : "CNY";
      array tags{boost::json::string(city.area)};
      if (grade == "A") tags.emplace_back("重点客户");
      if (status == "active" && random_.chance(50)) tags.emplace_back("老客户");
      if (status == "prospect") tags.emplace_back("新客户");
      if (currency != "CNY") tags.emplace_back("出口业务");
      if (grade != "D" && random_.chance(8)) tags.emplace_back("战略合作");
      const Person contact = random_person(random_);
      const string domain = domain_for(*brand, trade.slug, city);
      object body{{"code", code("C", n)},
                  {"name", name},
                  {"short_name", string(brand->han) + string(trade.word.substr(0, 6))},
                  {"tax_id", credit_code(random_, city.code)},
                  {"status", status},
                  {"grade", grade},
                  {"industry", trade.industry},
                  {"region", city.region},
                  {"scale", scale},
                  {"tags", std::move(tags)},
                  {"credit_limit", amount(credit * 100, 2)},
                  {"credit_rating", rating},
                  {"payment_term_id", terms_.at(term)},
                  {"currency_id", currencies_.at(currency)},
                  {"bank_account", bank_account(random_, city)},
                  {"contact_name", contact.name},
                  {"phone", mobile(random_, taken_.phones)},
                  {"email", email(taken_.emails, contact.pinyin, domain)},
                  {"address", street_address(random_, city)},
                  {"website", "https://www." + domain}};
      if (random_.chance(25)) body["notes"] = random_.pick(std::span<const string_view>(kNotes));
      VERP_CHECK(put("customer", code("C", n), std::move(body)));
    }
    return {};
  }

  Status suppliers() {
    std::span<const SupplyTrade> trades = profile_.maker ? std::span<const SupplyTrade>(kMakerSupplyTrades)
                                                         : std::span<const SupplyTrade>(kTraderSupplyTrades);
    constexpr string_view kTerms[] = {
        "年度采购框架协议：含税价格，送货到厂；来料不良无条件退换；质保期12个月。",
        "按订单采购，交期以订单确认为准；逾期交货每日按货款0.5‰扣款。",
        "VMI寄售：供应商在我方仓库备货，按实际领用月结。",
        "首批样品检验合格后批量供货；每批附出厂检验报告与RoHS报告。",
    };
    for (int n = 1; n <= profile_.suppliers; ++n) {
      const City& city = partner_city(random_, profile_);
      const SupplyTrade& trade = random_.pick(trades);
      const auto [name, brand] = company_name(city, trade.word, false);
      const int status_roll = static_cast<int>(random_.below(100));
      const string status = status_roll < 80 ? "approved" : status_roll < 92 ? "candidate" : "blocked";
      const int rating_roll = static_cast<int>(random_.below(100));
      const string rating = rating_roll < 25 ? "A" : rating_roll < 70 ? "B" : rating_roll < 92 ? "C" : "D";
      const int currency_roll = static_cast<int>(random_.below(100));
      const bool electronics = trade.category == "电子元器件";
      const string currency = electronics && currency_roll < 30   ? "USD"
                              : electronics && currency_roll < 38 ? "JPY"
                              : currency_roll < 3                 ? "EUR"
                                                                  : "CNY";
      array tags{boost::json::string(city.area)};
      if (rating == "A") tags.emplace_back("战略供应商");
      if (status == "approved") tags.emplace_back("认证供应商");
      if (currency != "CNY") tags.emplace_back("进口");
      if (random_.chance(5)) tags.emplace_back("单一来源");
      const Person contact = random_person(random_);
      const string domain = domain_for(*brand, trade.slug, city);
      object body{{"code", code("S", n)},
                  {"name", name},
                  {"tax_id", credit_code(random_, city.code)},
                  {"status", status},
                  {"rating", rating},
                  {"category", trade.category},
                  {"region", city.region},
                  {"tags", std::move(tags)},
                  {"lead_time_days", random_.between(trade.lead_low, trade.lead_high)},
                  {"payment_term_id", terms_.at(random_.chance(70) ? (random_.chance(50) ? "M30" : "M60") : "N30")},
                  {"currency_id", currencies_.at(currency)},
                  {"bank_account", bank_account(random_, city)},
                  {"contact_name", contact.name},
                  {"phone", mobile(random_, taken_.phones)},
                  {"email", email(taken_.emails, contact.pinyin, domain)},
                  {"address", street_address(random_, city)},
                  {"website", "https://www." + domain}};
      if (status != "candidate") {
        // Certificate numbers as the certification bodies print them: 00123Q45678R1M, IATF 0412345.
        const int kind = static_cast<int>(random_.below(10));
        string number = kind < 9 ? random_.digits(5) + (kind < 7 ? "Q" : "E") : string("IATF 0");
        if (kind < 9) {
          number += random_.digits(5) + "R";
          number += std::to_string(random_.between(0, 3)) + "M";
        } else {
          number += random_.digits(6);
        }
        body["qualification"] = (kind < 7   ? "ISO 9001:2015 质量管理体系认证 "
                                 : kind < 9 ? "ISO 14001:2015 环境管理体系认证 "
                                            : "IATF 16949:2016 汽车质量管理体系认证 ") +
                                number;
        body["qualification_expires_on"] = random_day(random_, day(2025, 1, 1), day(2028, 12, 31)).to_string();
      }
      if (random_.chance(60)) body["contract_terms"] = random_.pick(std::span<const string_view>(kTerms));
      if (status == "blocked") body["notes"] = "连续两个季度来料合格率低于95%，暂停合作";
      VERP_CHECK(put("supplier", code("S", n), std::move(body)));
    }
    return {};
  }

  Status categories() {
    std::vector<Category> all;
    if (profile_.maker) {
      all.assign(std::begin(kMakerCategories), std::end(kMakerCategories));
      all.insert(all.end(), profile_.finished_categories.begin(), profile_.finished_categories.end());
    } else {
      all.assign(std::begin(kTraderCategories), std::end(kTraderCategories));
    }
    for (const Category& category : all) {
      object body{{"code", category.code}, {"name", category.name}};
      if (!category.parent.empty()) body["parent_id"] = categories_.at(string(category.parent));
      VERP_TRY(categories_[string(category.code)], put("item_category", string(category.code), std::move(body)));
    }
    return {};
  }

  // Quantities on hand that planning uses: safety ≤ minimum ≤ maximum.
  // safety = step × [low, high]; minimum = 2 × safety; maximum = minimum × [3, top].
  void stock_levels(Draft& draft, int64_t step, int64_t low, int64_t high, int64_t top) {
    draft.safety = step * random_.between(low, high);
    draft.minimum = draft.safety * 2;
    draft.maximum = draft.minimum * random_.between(3, top);
  }

  // cost × markup %, ending in 9 yuan (or 9.90 below 50 yuan).
  static int64_t list_price_for(int64_t cost_e4, int64_t markup) {
    const int64_t fen = cost_e4 / 100 * markup / 100;
    if (fen < 5000) return (fen / 100 + 1) * 100 - 10;
    return (fen / 1000 + 1) * 1000 - 100;
  }

  void maker_drafts(std::vector<Draft>& drafts) {
    // Raw materials: parts of each product family, general parts, a selection of electronics.
    for (const Family& family : profile_.families) {
      const string f(family.name);
      auto part = [&](string name, string spec, string kind, string category, int64_t low, int64_t high) {
        Draft d{.name = std::move(name),
                .spec = std::move(spec),
                .category = std::move(category),
                .type = "raw_material",
                .uom = "PCS",
                .kind = std::move(kind),
                .family = f};
        d.cost = random_.between(low, high) * 100;
        stock_levels(d, 10, 5, 50, 5);
        d.lead_time = static_cast<int>(random_.between(7, 20));
        drafts.push_back(std::move(d));
      };
      part("PCB光板 " + f + "主控板", "FR-4 1.6mm 双面 沉金 V1.2", "pcb", "0101", 150, 600);
      if (family.metal) {
        part(f + " 铝合金外壳", "6063铝型材 阳极氧化 黑色", "top", "0102", 1200, 3500);
        part(f + " 前后面板", "5052铝板 2mm 丝印", "bottom", "0102", 300, 900);
      } else {
        part(f + " 外壳上盖", "ABS+PC 阻燃V-0 白色", "top", "0103", 180, 800);
        part(f + " 外壳下盖", "ABS+PC 阻燃V-0 白色", "bottom", "0103", 150, 700);
      }
      part(f + " 彩盒", "350g白卡 四色印刷 覆哑膜", "box", "0104", 80, 350);
      part(f + " 说明书", "80g双胶纸 A5 折页 中英文", "manual", "0104", 15, 60);
    }
    for (auto& [category, p] : general_parts()) {
      Draft d{
          .name = p.name, .spec = p.spec, .category = category, .type = "raw_material", .uom = p.uom, .kind = p.kind};
      d.cost = p.cost;
      d.lot = p.lot;
      d.shelf_life = p.shelf_life;
      if (p.uom == "KG")
        stock_levels(d, 5, 2, 10, 5);
      else
        stock_levels(d, 10, 5, 50, 5);
      d.lead_time = static_cast<int>(random_.between(3, 15));
      drafts.push_back(std::move(d));
    }
    std::vector<Part> parts = electronic_parts();
    random_.shuffle(parts);
    std::stable_partition(parts.begin(), parts.end(), [](const Part& p) { return p.essential; });
    parts.erase(parts.begin() + std::min<std::ptrdiff_t>(45, static_cast<std::ptrdiff_t>(parts.size())), parts.end());
    for (const Part& p : parts) {
      Draft d{.name = p.name, .spec = p.spec, .category = "0101", .type = "raw_material", .uom = p.uom, .kind = p.kind};
      d.cost = p.cost;
      d.lot = p.lot;
      d.shelf_life = p.shelf_life;
      if (p.cost < 5000)
        stock_levels(d, 500, 4, 20, 6);
      else
        stock_levels(d, 10, 5, 40, 6);
      d.lead_time = static_cast<int>(random_.between(7, 30));
      drafts.push_back(std::move(d));
    }
    // Semi-finished assemblies and finished goods per family.
    for (const Family& family : profile_.families) {
      const string f(family.name);
      const int64_t cost = random_.between(family.cost_low, family.cost_high) * 10000;
      auto assembly = [&](string name, string category, string kind, string source, int low, int high) {
        Draft d{.name = std::move(name),
                .spec = f + "全系列通用 V1.2",
                .category = std::move(category),
                .type = "semi_finished",
                .uom = "PCS",
                .source = std::move(source),
                .kind = std::move(kind),
                .family = f};
        d.cost = cost * random_.between(low, high) / 100 / 100 * 100;
        stock_levels(d, 10, 2, 10, 5);
        d.lead_time = static_cast<int>(random_.between(2, 7));
        drafts.push_back(std::move(d));
      };
      assembly(f + " 主控板PCBA", "0201", "main_board", "make", 30, 45);
      assembly(f + " 电源板PCBA", "0201", "power_board", random_.chance(50) ? "subcontract" : "make", 8, 15);
      assembly(f + " 外壳组件", "0202", "housing", "make", 8, 15);
      int64_t step = 0;
      const int64_t markup = random_.between(150, 240);  // one price policy per product family
      for (string_view variant : family.variants) {
        Draft d{.name = f + " " + string(variant),
                .spec = string(family.spec),
                .category = string(family.category),
                .type = "finished",
                .uom = "PCS",
                .source = "make",
                .kind = "product",
                .family = f};
        d.cost = cost * (85 + 12 * step++ + random_.between(0, 6)) / 100 / 100 * 100;  // dearer along the range
        d.price = list_price_for(d.cost, markup);
        stock_levels(d, 10, 2, 20, 6);
        d.lead_time = static_cast<int>(random_.between(5, 15));
        d.attributes = variant_attributes(f, variant);
        drafts.push_back(std::move(d));
      }
    }
  }

  // {"系列": "智能温控器", "型号": "T100", "颜色": "白色"}: the colour split off when the variant ends with one.
  static object variant_attributes(const string& family, string_view variant) {
    object attributes{{"系列", family}};
    for (string_view colour : {"白色", "黑色", "蓝色", "粉色", "青铜色", "曜石黑"}) {
      if (variant.ends_with(colour) && variant.size() > colour.size()) {
        attributes["型号"] = string(variant.substr(0, variant.size() - colour.size() - 1));
        attributes["颜色"] = string(colour);
        return attributes;
      }
    }
    attributes["型号"] = string(variant);
    return attributes;
  }

  void trader_drafts(std::vector<Draft>& drafts) {
    for (const Goods& goods : kTraderGoods) {
      const string category(goods.category);
      const bool service = category == "0601";
      const bool consumable = category == "0501";
      Draft d{.name = string(goods.name),
              .spec = string(goods.spec),
              .category = category,
              .type = service      ? "service"
                      : consumable ? "consumable"
                                   : "merchandise",
              .uom = string(goods.uom)};
      d.cost = goods.cost * 100;
      d.price = goods.price;
      d.tax = string(goods.tax);
      d.shelf_life = goods.shelf_life;
      d.lot = goods.shelf_life > 0;
      if (!service) {
        stock_levels(d, 10, 1, 10, 6);
        d.lead_time = static_cast<int>(random_.between(2, 10));
      }
      drafts.push_back(std::move(d));
    }
    // The head company's smart-home products, resold.
    for (std::size_t i = 0; i < 5; ++i) {
      const Family& family = kHeadFamilies[i];
      const int64_t markup = random_.between(125, 160);
      const int64_t base = random_.between(family.cost_low, family.cost_high) * 15000;  // bought at 1.5 × making cost
      int64_t step = 0;
      for (string_view variant : family.variants) {
        Draft d{.name = string(family.name) + " " + string(variant),
                .spec = string(family.spec),
                .category = "0402",
                .type = "merchandise",
                .uom = "PCS"};
        d.cost = base * (90 + 10 * step++) / 100 / 100 * 100;
        d.price = list_price_for(d.cost, markup);
        stock_levels(d, 10, 1, 10, 6);
        d.lead_time = static_cast<int>(random_.between(3, 7));
        d.attributes = variant_attributes(string(family.name), variant);
        d.attributes["来源"] = "集团内采购";
        drafts.push_back(std::move(d));
      }
    }
  }

  Status items() {
    std::vector<Draft> drafts;
    if (profile_.maker)
      maker_drafts(drafts);
    else
      trader_drafts(drafts);
    // Codes 1.01.0001 style: item type digit, sub-category, sequence within it.
    std::stable_sort(drafts.begin(), drafts.end(),
                     [](const Draft& a, const Draft& b) { return a.category < b.category; });
    std::map<string, int> sequence;
    int barcode = 0;
    for (Draft& d : drafts) {
      d.code = d.category.substr(1, 1) + "." + d.category.substr(2) + "." + pad(++sequence[d.category], 4);
      object body{{"code", d.code},
                  {"name", d.name},
                  {"item_type", d.type},
                  {"uom_id", units_.at(d.uom)},
                  {"category_id", categories_.at(d.category)},
                  {"source", d.source},
                  {"barcode", ean13(profile_.gs1_prefix, ++barcode)},
                  {"standard_cost", amount(d.cost, 4)},
                  {"tax_rate_id", taxes_.at(d.tax)},
                  {"lot_tracked", d.lot}};
      if (!d.spec.empty()) body["specification"] = d.spec;
      if (d.price >= 0) body["list_price"] = amount(d.price, 2);
      if (d.safety >= 0) {
        body["safety_stock"] = std::to_string(d.safety);
        body["min_stock"] = std::to_string(d.minimum);
        body["max_stock"] = std::to_string(d.maximum);
      }
      if (d.lead_time >= 0) body["lead_time_days"] = d.lead_time;
      if (d.shelf_life > 0) body["shelf_life_days"] = d.shelf_life;
      if (!d.attributes.empty()) body["attributes"] = d.attributes;
      VERP_TRY(d.id, put("item", d.code, std::move(body)));
    }
    items_ = std::move(drafts);
    return {};
  }

  const Draft* find(string_view family, string_view kind) const {
    for (const Draft& d : items_) {
      if (d.kind == kind && (family.empty() || d.family == family)) return &d;
    }
    return nullptr;
  }

  std::vector<const Draft*> all_of(string_view kind) const {
    std::vector<const Draft*> out;
    for (const Draft& d : items_) {
      if (d.kind == kind) out.push_back(&d);
    }
    return out;
  }

  struct Line {
    const Draft* component;
    string quantity;
    string scrap_rate;
  };

  Status bom(const Draft& product, const std::vector<Line>& lines, string_view notes) {
    VERP_TRY(const int64_t id, put("bill_of_materials", "BOM-" + product.code,
                                   {{"code", "BOM-" + product.code},
                                    {"item_id", product.id},
                                    {"revision", "A"},
                                    {"output_quantity", "1"},
                                    {"notes", notes}}));
    int sequence = 0;
    for (const Line& line : lines) {
      if (line.component == nullptr) continue;
      sequence += 10;
      VERP_CHECK(put("bom_line", std::to_string(id) + "/" + std::to_string(sequence),
                     {{"bom_id", id},
                      {"sequence", sequence},
                      {"component_id", line.component->id},
                      {"quantity", line.quantity},
                      {"scrap_rate", line.scrap_rate}}));
    }
    return {};
  }

  // Main boards use raw materials only; products use raw materials and assemblies whose own
  // BOMs use raw materials only: no BOM can reach its own product.
  Status bills_of_materials() {
    for (std::size_t i = 0; i < profile_.bom_families && i < profile_.families.size(); ++i) {
      const string family(profile_.families[i].name);
      const Draft* board = find(family, "main_board");
      const Draft* product = find(family, "product");
      if (board == nullptr || product == nullptr) continue;
      auto some = [&](string_view kind, std::size_t count) {
        std::vector<const Draft*> pool = all_of(kind);
        random_.shuffle(pool);
        pool.resize(std::min(count, pool.size()));
        return pool;
      };
      auto one = [&](string_view kind) -> const Draft* {
        auto picked = some(kind, 1);
        return picked.empty() ? nullptr : picked.front();
      };
      std::vector<Line> lines{{find(family, "pcb"), "1", "0.01"}, {one("mcu"), "1", "0"}, {one("regulator"), "1", "0"}};
      for (const Draft* resistor : some("resistor", 2))
        lines.push_back({resistor, std::to_string(random_.between(2, 12) * 2), "0.02"});
      for (const Draft* capacitor : some("capacitor", static_cast<std::size_t>(random_.between(1, 2)))) {
        const bool electrolytic = capacitor->name.starts_with("电解电容");
        const int64_t quantity = electrolytic ? random_.between(1, 2) : random_.between(1, 8) * 2;
        lines.push_back({capacitor, std::to_string(quantity), electrolytic ? "0.01" : "0.02"});
      }
      const string_view extras[] = {"crystal", "led", "connector", "sensor"};
      if (const Draft* extra = one(extras[random_.below(std::size(extras))])) {
        lines.push_back({extra, std::to_string(random_.between(1, 4)), "0.01"});
      }
      VERP_CHECK(bom(*board, lines, "SMT贴片 + 波峰焊，ICT测试后入库"));

      std::vector<Line> assembly{{board, "1", "0"},
                                 {find(family, "power_board"), "1", "0"},
                                 {find(family, "top"), "1", "0.005"},
                                 {find(family, "bottom"), "1", "0.005"},
                                 {one("screw"), std::to_string(random_.between(2, 4) * 2), "0.01"},
                                 {find(family, "box"), "1", "0.01"},
                                 {find(family, "manual"), "1", "0.01"}};
      if (!profile_.families[i].accessory.empty()) {
        if (const Draft* accessory = one(profile_.families[i].accessory)) {
          assembly.push_back({accessory, profile_.families[i].accessory == "battery" ? "4" : "1", "0"});
        }
      }
      VERP_CHECK(bom(*product, assembly, "总装、老化测试4小时、包装"));
    }
    return {};
  }

  Loader& loader_;
  Random& random_;
  const Profile& profile_;
  security::Principal as_;
  const std::map<string, int64_t>& currencies_;
  Taken& taken_;
  std::map<string, int64_t> taxes_, terms_, units_, categories_;
  std::vector<string> keepers_;
  std::vector<Draft> items_;
};

// ---------------------------------------------------------------------------------------------

struct Admin {
  int64_t id = 0;
  string user_name, display_name;
};

Result<std::optional<string>> marker(storage::Database& database) {
  return database.read([](storage::Connection& c) -> Result<std::optional<string>> {
    VERP_TRY(auto row, c.query_row("SELECT value FROM system_info WHERE key = $1", {string(kMarker)}));
    if (!row) return std::optional<string>();
    VERP_TRY(auto value, row->text(0));
    return std::optional<string>(std::move(value));
  });
}

// The member companies: the first one (kept as it is) and the two the demo adds, each with the
// administrator as a member holding a copy of the administrator role. One audited transaction.
Status ensure_companies(Application& app, const Admin& admin, std::vector<Profile>& profiles, Loader& loader) {
  const Clock& clock = app.context->clock;
  auto audit_entry = [&](std::optional<int64_t> company, string action, string target_type, string target_id,
                         string change) {
    audit::Entry entry;
    entry.at = clock.now();
    entry.user_id = admin.id;
    entry.user_name = admin.user_name;
    entry.company_id = company;
    entry.address = "local";
    entry.request_id = "verp demo";
    entry.action = std::move(action);
    entry.target_type = std::move(target_type);
    entry.target_id = std::move(target_id);
    entry.change = std::move(change);
    return entry;
  };
  auto created = app.database->write([&](storage::Connection& c) -> Result<int64_t> {
    int64_t made = 0;
    const auto now = storage::Timestamp::from_system(clock.now());
    VERP_TRY(auto first, c.query_row("SELECT id, code, name FROM companies ORDER BY id LIMIT 1", {}));
    if (!first) return make_error(ErrorKind::not_found, "demo.no_company", "no member company: run `verp init` first");
    VERP_TRY(profiles[0].id, first->int64(0));
    VERP_TRY(profiles[0].code, first->text(1));
    VERP_TRY(profiles[0].name, first->text(2));
    for (Profile& profile : profiles) {
      if (profile.id == 0) {
        VERP_TRY(auto row, c.query_row("SELECT id FROM companies WHERE code = $1", {profile.code}));
        if (row) {
          VERP_TRY(profile.id, row->int64(0));
        } else {
          VERP_TRY(auto inserted, c.query_row("INSERT INTO companies (code, name, is_active, created_at, version) "
                                              "VALUES ($1, $2, $3, $4, 1) RETURNING id",
                                              {profile.code, profile.name, true, now}));
          VERP_TRY(profile.id, inserted->int64(0));
          ++made;
          VERP_CHECK(audit::append(c, audit_entry(profile.id, "create", "company", std::to_string(profile.id),
                                                  audit::change_json({{.field = "code", .after = profile.code},
                                                                      {.field = "name", .after = profile.name}}))));
        }
      }
      VERP_TRY(auto member,
               c.query_row("SELECT 1 FROM memberships WHERE user_id = $1 AND company_id = $2", {admin.id, profile.id}));
      if (member) continue;
      VERP_CHECK(c.execute("INSERT INTO memberships (user_id, company_id, is_default) VALUES ($1, $2, $3)",
                           {admin.id, profile.id, false}));
      VERP_TRY(auto role_id, identity::copy_role_template(c, clock, "administrator", profile.id));
      VERP_CHECK(
          c.execute("INSERT INTO user_roles (user_id, company_id, role_id, granted_at, granted_by) "
                    "VALUES ($1, $2, $3, $4, $1)",
                    {admin.id, profile.id, role_id, now}));
      VERP_CHECK(
          audit::append(c, audit_entry(profile.id, "member.add", "user", std::to_string(admin.id),
                                       audit::change_json({{.field = "company_id", .after = std::to_string(profile.id)},
                                                           {.field = "roles", .after = "administrator"}}))));
    }
    return made;
  });
  if (!created) return created.error();
  if (*created > 0) loader.count("company", "成员公司", *created);
  return {};
}

Result<Admin> find_admin(storage::Database& database) {
  return database.read([](storage::Connection& c) -> Result<Admin> {
    VERP_TRY(auto row, c.query_row("SELECT id, user_name, display_name FROM users WHERE user_name = 'admin'", {}));
    if (!row) return make_error(ErrorKind::not_found, "demo.no_admin", "the account 'admin' does not exist");
    Admin admin;
    VERP_TRY(admin.id, row->int64(0));
    VERP_TRY(admin.user_name, row->text(1));
    VERP_TRY(admin.display_name, row->text(2));
    return admin;
  });
}

// Whether the database holds master data of its own (not the demo's): customers, suppliers or
// items while the demo's first customer is missing.
Result<bool> holds_other_data(storage::Database& database, const string& first_customer) {
  return database.read([&](storage::Connection& c) -> Result<bool> {
    VERP_TRY(auto demo, c.query_row("SELECT 1 FROM customers WHERE code = $1", {first_customer}));
    if (demo) return false;
    for (const char* table : {"customers", "suppliers", "items"}) {
      VERP_TRY(auto any, c.query_row(string("SELECT 1 FROM ") + table + " LIMIT 1", {}));
      if (any) return true;
    }
    return false;
  });
}

security::Principal principal_for(const Admin& admin, int64_t company, const std::vector<Profile>& profiles) {
  security::Principal principal;
  principal.user_id = admin.id;
  principal.user_name = admin.user_name;
  principal.display_name = admin.display_name;
  principal.company_id = company;
  principal.department_id = std::nullopt;
  for (const Profile& profile : profiles) principal.company_ids.push_back(profile.id);
  principal.grants = {security::Grant{"*", "*", security::DataScope::all_companies}};
  return principal;
}

std::vector<Profile> demo_profiles() {
  std::vector<Profile> profiles(3);
  Profile& head = profiles[0];  // code and name are the first company's own
  head.home = &city_named("上海");
  head.address = "上海市浦东新区张江高科技园区科苑路399号";
  head.warehouse_address = "上海市闵行区紫星路588号";
  head.domain = "zongbu.example.com";
  head.gs1_prefix = "6923761";
  head.customers = 70;
  head.suppliers = 34;
  head.nearby = {"上海市", "江苏省", "浙江省"};
  head.families = kHeadFamilies;
  head.bom_families = 4;
  head.finished_categories = kHeadFinishedCategories;

  Profile& shenzhen = profiles[1];
  shenzhen.code = "SZ";
  shenzhen.name = "深圳智造电子有限公司";
  shenzhen.home = &city_named("深圳");
  shenzhen.address = "广东省深圳市宝安区福海街道新田大道71号智造产业园3栋";
  shenzhen.warehouse_address = "广东省深圳市宝安区福海街道新田大道71号智造产业园5栋";
  shenzhen.domain = "szzz.example.com";
  shenzhen.gs1_prefix = "6945218";
  shenzhen.customers = 70;
  shenzhen.suppliers = 36;
  shenzhen.nearby = {"广东省"};
  shenzhen.families = kShenzhenFamilies;
  shenzhen.bom_families = 6;
  shenzhen.finished_categories = kShenzhenFinishedCategories;

  Profile& hangzhou = profiles[2];
  hangzhou.code = "HZ";
  hangzhou.name = "杭州云链贸易有限公司";
  hangzhou.home = &city_named("杭州");
  hangzhou.address = "浙江省杭州市余杭区文一西路1818号云链大厦12层";
  hangzhou.warehouse_address = "浙江省杭州市余杭区仓前街道良睦路1288号云链物流园";
  hangzhou.domain = "hzyl.example.com";
  hangzhou.gs1_prefix = "6937402";
  hangzhou.maker = false;
  hangzhou.customers = 60;
  hangzhou.suppliers = 30;
  hangzhou.nearby = {"浙江省", "江苏省", "上海市"};
  return profiles;
}

// Record codes use the company code's letters and digits only.
string code_letters(string_view code) {
  string out;
  for (char c : code) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
  }
  return out.empty() ? string("MAIN") : out;
}

}  // namespace

Result<DemoReport> load_demo(Application& app) {
  DemoReport report;
  storage::Database& database = *app.database;
  VERP_TRY(auto loaded, marker(database));
  if (loaded) {
    report.outcome = DemoReport::Outcome::already_loaded;
    return report;
  }
  VERP_TRY(const Admin admin, find_admin(database));
  std::vector<Profile> profiles = demo_profiles();
  {
    VERP_TRY(auto first, database.read([](storage::Connection& c) -> Result<string> {
      VERP_TRY(auto row, c.query_row("SELECT code FROM companies ORDER BY id LIMIT 1", {}));
      if (!row) return make_error(ErrorKind::not_found, "demo.no_company", "no member company");
      return row->text(0);
    }));
    VERP_TRY(const bool other, holds_other_data(database, "C-" + code_letters(first) + "-0001"));
    if (other) {
      report.outcome = DemoReport::Outcome::not_empty;
      return report;
    }
  }

  files::FileStore files(std::filesystem::path(app.context->data_dir) / "attachments");
  entity::EntityStore store(database, app.context->clock, *app.cipher, *app.entities, files);
  Loader loader(app, store, report);
  VERP_CHECK(ensure_companies(app, admin, profiles, loader));
  for (const Profile& profile : profiles) report.companies.push_back(profile.code + " " + profile.name);

  // Consortium-wide: currencies.
  std::map<string, int64_t> currencies;
  const security::Principal head = principal_for(admin, profiles[0].id, profiles);
  struct Currency {
    string_view code, name, symbol;
    int minor_unit;
  };
  for (const Currency& currency :
       {Currency{"CNY", "人民币", "¥", 2}, Currency{"USD", "美元", "$", 2}, Currency{"EUR", "欧元", "€", 2},
        Currency{"HKD", "港币", "HK$", 2}, Currency{"JPY", "日元", "JP¥", 0}, Currency{"GBP", "英镑", "£", 2}}) {
    VERP_TRY(currencies[string(currency.code)], loader.put(head, "currency", string(currency.code),
                                                           {{"code", currency.code},
                                                            {"name", currency.name},
                                                            {"symbol", currency.symbol},
                                                            {"minor_unit", currency.minor_unit}}));
  }

  Random random(kSeed);
  Taken taken;
  for (Profile& profile : profiles) {
    const string letters = code_letters(profile.code);
    Profile coded = profile;
    coded.code = letters;
    CompanyBuilder builder(loader, random, coded, principal_for(admin, profile.id, profiles), currencies, taken);
    VERP_CHECK(builder.build());
  }

  // Each member company keeps its books on the standard chart of accounts (企业会计准则).
  for (const Profile& profile : profiles) {
    const security::Principal accountant = principal_for(admin, profile.id, profiles);
    VERP_TRY(auto seeded, database.write([&](storage::Connection& c) {
      return finance::seed_standard_chart(c, store, accountant, entity::Caller{"local", "verp demo"});
    }));
    if (seeded.created > 0) loader.count("account", "会计科目", seeded.created);
    report.kept += seeded.kept;
  }
  // And the first keeps a month of vouchers, entered by its accountant and posted.
  VERP_TRY(auto vouchers, load_demo_ledger(app, principal_for(admin, profiles[0].id, profiles), profiles[0].id));
  if (vouchers > 0) loader.count("voucher", "记账凭证", vouchers);
  // And trades goods: bought, received, invoiced, half of it sold, shipped and invoiced (posted through the ledger).
  VERP_TRY(auto documents, load_demo_trade(app, store, principal_for(admin, profiles[0].id, profiles), profiles[0].id));
  if (documents > 0) loader.count("purchase_order", "采购、库存与销售单据", documents);

  VERP_CHECK(database.write([&](storage::Connection& c) -> Status {
    const auto now = storage::Timestamp::from_system(app.context->clock.now());
    VERP_CHECK(
        c.execute("INSERT INTO system_info (key, value, updated_at) VALUES ($1, $2, $3) "
                  "ON CONFLICT (key) DO NOTHING",
                  {string(kMarker), now.to_string(), now}));
    audit::Entry entry;
    entry.at = app.context->clock.now();
    entry.user_id = admin.id;
    entry.user_name = admin.user_name;
    entry.company_id = profiles[0].id;
    entry.address = "local";
    entry.request_id = "verp demo";
    entry.action = "demo.load";
    entry.target_type = "system";
    entry.change = audit::detail_json({{"records", std::to_string(report.total)}});
    VERP_CHECK(audit::append(c, entry));
    return {};
  }));
  if (report.total == 0) report.outcome = DemoReport::Outcome::already_loaded;
  return report;
}

int run_demo(const Settings& settings) {
  const auto started = std::chrono::steady_clock::now();
  auto app = open_application(settings, /*start_modules=*/true);
  if (!app) {
    print_error(app.error().detail.empty() ? app.error().message_id : app.error().detail);
    return 1;
  }
  auto report = load_demo(*app);
  if (!report) {
    print_error("demo: " + (report.error().detail.empty() ? report.error().message_id : report.error().detail));
    return 1;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  switch (report->outcome) {
    case DemoReport::Outcome::already_loaded:
      std::printf("verp demo: the demo data is already loaded; nothing to do\n");
      return 0;
    case DemoReport::Outcome::not_empty:
      std::printf(
          "verp demo: the database already holds customers, suppliers or items of its own; "
          "the demo data was not loaded\n");
      return 0;
    case DemoReport::Outcome::loaded:
      break;
  }
  std::printf("verp demo: loaded the demo enterprise in %.1f s\n", seconds);
  std::printf("  member companies: ");
  for (std::size_t i = 0; i < report->companies.size(); ++i) {
    std::printf("%s%s", i == 0 ? "" : ", ", report->companies[i].c_str());
  }
  std::printf("\n");
  for (const auto& count : report->counts) {
    std::printf("  %-18s %5lld  %s\n", count.entity.c_str(), static_cast<long long>(count.created),
                count.label.c_str());
  }
  std::printf("  %-18s %5lld  records\n", "total", static_cast<long long>(report->total));
  if (report->kept > 0) {
    std::printf("  (resumed: %lld records of an interrupted earlier run were kept)\n",
                static_cast<long long>(report->kept));
  }
  std::printf("verp demo: sign in as 'admin'; switch member companies to see each one's data\n");
  return 0;
}

}  // namespace verp::app
