/* The 取件码 slip: the code in large print, whose it is, until when, and
 * how the self-service terminal takes it. */

#include "doc.h"
#include "paper-pickup.h"

struct pdoc *
paper_pickup_code(const char *id, const char *name, const char *code,
    const char *valid_until)
{
	struct pdoc	*d = pdoc_new(id, "pickup-code", PDOC_ROLL, "取件码");

	pdoc_text(d, PEL_CENTER, PEL_BOLD, "自助终端取件码");
	pdoc_rule(d);
	pdoc_field(d, "申请人", name);
	pdoc_text(d, PEL_CENTER, PEL_BIG, code);
	pdoc_field(d, "有效期至", valid_until);
	pdoc_rule(d);
	pdoc_para(d, "在自助服务终端刷身份证后输入此取件码，可查询本人办件、"
	    "打印已开放自助打印的证明。请妥善保管，勿告知他人。");
	pdoc_feed(d, 2);
	pdoc_cut(d);
	return (d);
}
