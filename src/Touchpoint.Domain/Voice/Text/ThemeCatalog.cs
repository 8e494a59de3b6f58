namespace Touchpoint.Domain.Voice.Text;

/// <summary>A topic customers write about, with the words and phrases (English and Portuguese) that mark it.</summary>
public sealed record Theme(string Id, string Name, IReadOnlyList<string> Terms);

/// <summary>
/// The themes, as keyword and phrase groups in both languages (same format as the lexicon: "a_b" a phrase, "x*" a
/// prefix; folded, so accents do not matter). Both languages' terms are matched on every text, because the terms do
/// not collide across the two languages and a mixed-language answer still finds its themes. A text can have several.
/// </summary>
public static class ThemeCatalog
{
    public static readonly IReadOnlyList<Theme> All =
    [
        T("delivery", "Delivery", "deliver* arriv* shipping shipped dispatch* courier parcel package tracking postman royal_mail",
            "entreg* cheg* receb* correio* frete transportador* rastre* envio enviad* encomenda* prazo"),
        T("delay", "Delays and waiting", "late delay* wait* slow* took_ages ages still_not still_no not_yet weeks months too_long",
            // "prazo" alone is the delivery time, not a delay: Olist reviews say "antes do prazo" (early) far more
            // often than "fora do prazo"; only the phrases that say it was missed count here.
            "atras* atraz* demor* aguard* esperando lento lenta ainda_nao ate_agora nao_chegou nao_recebi fora_do_prazo " +
            "passou_do_prazo passou_o_prazo depois_do_prazo apos_o_prazo"),
        T("support", "Customer support", "customer_service customer_support support staff agent* advisor* adviser* call_centre call_center helpful rude phone_call* on_the_phone spoke chat",
            "atendimento atendente* sac suporte vendedor* loja contato pos_venda"),
        T("communication", "Communication", "communicat* inform* told email* e_mail text_message* update* kept_me contact* letter*",
            "inform* comunica* mensag* respost* respond* e_mail email*"),
        T("price", "Price and value", "price* cheap* expensive cost* value money deal offer* overpriced tariff",
            "preco* barat* caro custo* valor* dinheiro promoca* desconto*"),
        T("billing", "Billing and payment", "bill* charg* payment* paid pay invoice* direct_debit overcharg*",
            "pagamento* pago pagou pagar cobran* cobrad* cobrou boleto cartao fatura* nota_fiscal"),
        T("refund", "Refunds, returns and cancellations", "refund* money_back return* cancel*",
            "reembols* devolu* devolv* estorn* cancel* troca* trocar"),
        T("quality", "Product quality", "quality broken faulty fault* damaged defect* poor_quality flimsy",
            "qualidade quebrad* quebrou danificad* defeit* avariad* estragad* falsificad* material acabamento fragil amassad*"),
        T("wrong_item", "Wrong or missing items", "wrong_item missing incomplete wrong_product not_what_i_ordered",
            "errad* faltando faltou faltaram incomplet* outro_produto veio_outro diferente so_chegou so_veio apenas_um somente_um"),
        T("product", "The product", "product* item* equipment router hub box device set_top_box",
            "produto* item* mercadoria* aparelho* peca* artigo*"),
        T("installation", "Installation and visits", "engineer* install* appointment* visit* technician* set_up setup fitted activation activat*",
            "instala* tecnico* visita* montag* montad*"),
        T("connection", "Connection and speed", "broadband internet connect* speed wifi wi_fi signal line landline fibre",
            "internet conexao sinal wifi velocidade"),
        T("ease", "Ease of doing business", "easy easily simple smooth* straightforward hassle* process painless",
            "facil facilidade simples pratic* tranquil* processo"),
    ];

    private static Theme T(string id, string name, string english, string portuguese) =>
        new(id, name, (english + " " + portuguese).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(TextTokens.Fold).Distinct().ToList());

    public static Theme? Find(string id) => All.FirstOrDefault(t => t.Id == id);

    /// <summary>The themes a text mentions, in catalogue order.</summary>
    public static IReadOnlyList<Theme> Of(string text) => Of(TextTokens.Words(text));

    public static IReadOnlyList<Theme> Of(IReadOnlyList<string> words)
    {
        var joined = " " + string.Join(' ', words) + " ";
        return All.Where(t => t.Terms.Any(term => Matches(term, words, joined))).ToList();
    }

    private static bool Matches(string term, IReadOnlyList<string> words, string joined)
    {
        if (term.Contains('_'))
        {
            var phrase = term.Replace('_', ' ');
            return phrase.EndsWith('*') ? joined.Contains(" " + phrase[..^1], StringComparison.Ordinal) : joined.Contains(" " + phrase + " ", StringComparison.Ordinal);
        }
        if (term.EndsWith('*'))
        {
            var stem = term[..^1];
            foreach (var w in words) if (w.StartsWith(stem, StringComparison.Ordinal)) return true;
            return false;
        }
        foreach (var w in words) if (w == term) return true;
        return false;
    }
}
