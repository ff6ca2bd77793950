/*
 * Certificate types: those a residents' committee of the demo province
 * still issues, each with its basis and template, and the twenty the
 * 2020 national guidance took away from residents' committees, kept so
 * that the counter can say why and what to do instead.
 */
#include <stddef.h>

#include "seed-certs-data.h"

#define NITEMS(a)	(sizeof (a) / sizeof *(a))

#define GUIDANCE "民政部等六部门《关于改进和规范基层群众性自治组织出具" \
	"证明工作的指导意见》（民发〔2020〕20号），《不应由基层群众性" \
	"自治组织出具证明事项清单（第一批）》"
#define RETAINED "省村（居）民委员会出具证明事项保留清单"
#define SIGNED "\n\n{{community}}居民委员会\n{{issue_date}}"
#define PERSON "{{name}}（性别：{{sex}}，公民身份号码：{{id_number}}）"
#define FOR "本证明用于{{purpose}}，{{validity}}。"

const struct seed_cert_type seed_cert_types[] = {
	{ "residence", "居住证明", "《居住证暂行条例》；" RETAINED, NULL,
	  "办理居住证、子女入学等需证明在本社区实际居住", 30,
	  "兹证明" PERSON "，自{{data.since}}起在{{address}}居住至今，"
	  "居住性质为{{data.tenure}}。\n特此证明。\n" FOR SIGNED,
	  "since tenure", 1 },
	{ "hardship", "家庭经济困难情况证明", "《社会救助暂行办法》；"
	  "《学生资助资金管理办法》；" RETAINED, NULL,
	  "申请学生资助、社会救助时说明家庭经济情况", 90,
	  "兹证明" PERSON "系本社区居民，家住{{address}}。经本居民委员会"
	  "入户走访了解，其家庭{{data.hardship_reason}}，生活困难，"
	  "家庭人口{{data.family_size}}人，情况属实。\n特此证明。\n" FOR
	  SIGNED, "hardship_reason family_size", 0 },
	{ "volunteer", "志愿服务记录证明", "《志愿服务条例》第二十条；"
	  RETAINED, NULL, "升学、评优、就业时证明志愿服务经历", 180,
	  "兹证明" PERSON "自{{data.start_date}}起在本社区参加志愿服务，"
	  "服务内容为{{data.activity}}，累计服务时长{{data.hours}}小时。\n"
	  "特此证明。\n" FOR SIGNED, "start_date activity hours", 0 },
	{ "mediation", "人民调解情况证明", "《中华人民共和国人民调解法》"
	  "第二十八条；" RETAINED, NULL, "向有关部门说明纠纷已经人民调解",
	  90, "兹证明" PERSON "与{{data.counterparty}}之间的纠纷，于"
	  "{{data.event_date}}经本社区人民调解委员会调解。\n特此证明。\n"
	  FOR SIGNED, "counterparty event_date", 0 },
	{ "practice", "社区社会实践证明", "《中小学综合实践活动课程指导纲要》"
	  "（教材〔2017〕4号）；" RETAINED, NULL,
	  "学生向学校证明参加社区社会实践", 180,
	  "兹证明" PERSON "于{{data.event_date}}在本社区参加社会实践活动，"
	  "活动内容为{{data.activity}}，表现良好。\n特此证明。\n" FOR
	  SIGNED, "event_date activity", 0 },
	{ "kinship", "亲属关系证明", GUIDANCE, "可凭户口簿、结婚证、出生医学"
	  "证明等证明亲属关系，或由需要证明的单位依法核查", NULL, 0, NULL,
	  NULL, 0 },
	{ "identity_info", "居民身份信息证明", GUIDANCE, "凭居民身份证、户口"
	  "簿证明；确需证明的由公安机关依法出具", NULL, 0, NULL, NULL, 0 },
	{ "hukou_change", "户口登记项目内容变更申请证明", GUIDANCE,
	  "由申请人向公安机关提交相关材料，公安机关依法核实", NULL, 0, NULL,
	  NULL, 0 },
	{ "dog", "居民养犬证明", GUIDANCE, "养犬登记由公安机关或养犬管理部门"
	  "依法办理", NULL, 0, NULL, NULL, 0 },
	{ "no_criminal", "无犯罪记录证明", GUIDANCE, "由公安机关依法出具",
	  NULL, 0, NULL, NULL, 0 },
	{ "drug_rehab", "社区戒毒社区康复人员情况证明", GUIDANCE,
	  "由社区戒毒社区康复工作机构依法出具", NULL, 0, NULL, NULL, 0 },
	{ "missing", "人员失踪证明", GUIDANCE, "由人民法院依法宣告失踪，"
	  "或由公安机关出具报案回执", NULL, 0, NULL, NULL, 0 },
	{ "marital", "婚姻状况证明", GUIDANCE, "凭结婚证、离婚证或由婚姻"
	  "登记机关查询婚姻登记档案", NULL, 0, NULL, NULL, 0 },
	{ "birth", "出生证明", GUIDANCE, "凭出生医学证明，由助产机构出具",
	  NULL, 0, NULL, NULL, 0 },
	{ "alive", "健在证明", GUIDANCE, "由需要证明的单位通过人脸识别、"
	  "上门核查等方式认证", NULL, 0, NULL, NULL, 0 },
	{ "death", "死亡证明", GUIDANCE, "凭医疗卫生机构出具的死亡医学证明"
	  "或公安机关出具的证明", NULL, 0, NULL, NULL, 0 },
	{ "illness", "疾病状况证明", GUIDANCE, "由医疗机构依法出具诊断证明",
	  NULL, 0, NULL, NULL, 0 },
	{ "disability", "残疾状况证明", GUIDANCE, "凭残疾人证，或由残联依法"
	  "评定", NULL, 0, NULL, NULL, 0 },
	{ "childbearing", "婚育状况证明", GUIDANCE, "凭户口簿、结婚证，或由"
	  "卫生健康部门依法核查", NULL, 0, NULL, NULL, 0 },
	{ "employment", "居民就业状况证明", GUIDANCE, "由人力资源社会保障"
	  "部门通过就业登记信息核查", NULL, 0, NULL, NULL, 0 },
	{ "personal_file", "居民个人档案证明", GUIDANCE, "由存档机构依法"
	  "出具", NULL, 0, NULL, NULL, 0 },
	{ "property", "居民财产证明", GUIDANCE, "由不动产登记、银行等机构"
	  "依法出具", NULL, 0, NULL, NULL, 0 },
	{ "inheritance", "遗产继承权证明", GUIDANCE, "通过公证或人民法院"
	  "依法确认", NULL, 0, NULL, NULL, 0 },
	{ "business_address", "市场主体住所证明", GUIDANCE, "凭房屋权属证明"
	  "或租赁合同，实行住所申报承诺制", NULL, 0, NULL, NULL, 0 },
	{ "lost_document", "证件遗失证明", GUIDANCE, "由发证机关依法办理补领"
	  "或登报声明", NULL, 0, NULL, NULL, 0 },
};
const size_t seed_ncert_types = NITEMS(seed_cert_types);
