namespace Touchpoint.Domain.Voice.Text;

/// <summary>
/// The Portuguese (Brazilian and European) customer-service sentiment lexicon, curated by hand in the same format and
/// valence scale as <see cref="SentimentLexiconEnglish"/>. Inflected forms are covered by prefixes ("pessim*" is
/// péssimo, péssima, péssimos...) and the common misspellings of real reviews ("atrazo", "otima" without accent,
/// "mt" for muito) are listed as they are written.
/// </summary>
internal static class SentimentLexiconPortuguese
{
    public const string Terms = """
        bom=1.9 boa=1.9 bons=1.9 boas=1.9 otim*=3.0 excelente*=3.2 perfeit*=2.8 maravilh*=3.0 lind*=2.6 bonit*=2.2 belo=2.0
        bela=2.0 amei=3.0 adorei=3.0 ador*=2.8 amo=2.8 amou=2.6 gostei=2.0 gosto=1.5 gostou=1.8 gostamos=2.0 satisfeit*=2.0
        feliz=2.5 felizes=2.5 contente=2.0 recomendo=2.2 recomend*=1.8 parabens=2.8 obrigad*=1.5 agradec*=1.5 grata=1.8
        grato=1.8 rapid*=1.4 rapidez=1.6 agil=1.4 agilidade=1.6 eficien*=1.8 eficaz=1.5 pratic*=1.2 facil=1.6 tranquil*=1.4
        confiavel=2.0 confiaveis=2.0 confianca=1.5 seguro=1.2 segura=1.2 certinho=1.8 ok=0.9 beleza=1.5 top=1.8 show=1.8
        legal=1.5 incrivel=2.5 sensacional=3.0 impecavel=2.8 excepcional=2.6 sucesso=1.8 aprovado=1.5 aprovo=1.5 qualidade=0.6
        conforme=0.8 correto=1.0 correta=1.0 bem=0.8 melhor=1.5 superou=2.0 atendeu=1.2 cumpriu=1.2 cheiroso=1.5 macio=1.0
        confortavel=1.5 funciona=0.8 funcionando=0.8 funcionou=0.8 resolvido=1.5 resolveu=1.5 educad*=1.8 atencios*=1.8
        prestativ*=1.8 cuidado=1.0 caprich*=2.0 justo=1.0 barato=0.6 barata=0.6 vale_a_pena=2.0 nota_10=2.8 nota_dez=2.8
        antes_do_prazo=2.2 no_prazo=1.6 dentro_do_prazo=1.8 tudo_certo=1.8 tudo_ok=1.8 bem_embalado=1.6 nada_a_reclamar=2.0
        sem_problemas=1.5 muito_bom=2.6 muito_boa=2.6 super_recomendo=3.0 deu_tudo_certo=2.2 chegou_certinho=2.0

        pessim*=-3.0 horrivel=-3.0 horriveis=-3.0 ruim=-2.2 ruins=-2.2 mal=-1.5 pior=-2.5 piores=-2.5 terrivel=-3.0 lament*=-1.6
        decepc*=-2.3 decepcion*=-2.3 insatisf*=-2.3 frustr*=-2.0 irritad*=-2.0 raiva=-2.3 absurd*=-2.3 vergonh*=-2.5
        descaso=-2.5 desrespeito=-2.5 engan*=-2.0 mentir*=-2.0 fraude=-2.8 golpe=-2.5 roub*=-2.5 lixo=-2.8 porcaria=-2.8
        defeit*=-2.2 quebrad*=-2.2 quebrou=-2.0 danificad*=-2.2 amassad*=-1.5 rasgad*=-1.8 avariad*=-2.0 estragad*=-2.2
        falsificad*=-2.3 falso=-1.8 falsa=-1.8 errad*=-1.8 faltando=-1.8 faltou=-1.8 faltaram=-1.8 falta=-1.4 faltam=-1.5
        incomplet*=-1.8 problema*=-1.5 reclam*=-1.5 atras*=-1.8 atraz*=-1.8 demor*=-1.6 lento=-1.3 lenta=-1.3
        aguard*=-1.3 esperando=-1.2 devolu*=-1.0 devolv*=-1.0 reembols*=-1.0 cancel*=-1.0 estorno=-1.0 dificil=-1.5
        complicad*=-1.2 caro=-1.3 arrepend*=-2.0 desist*=-1.5 prejuizo=-2.0 transtorno*=-2.0 descontent*=-2.3 chatead*=-2.0
        pouca=-0.5 fragil=-1.2 inferior=-1.6 duvidos*=-1.2 pessima_qualidade=-3.2 diferente=-0.8 outro_produto=-1.6
        nao_recebi=-2.6 nao_recebemos=-2.6 nao_recebeu=-2.4 nao_chegou=-2.4 nao_chegaram=-2.4 nao_veio=-1.8 nao_vieram=-1.8
        nao_foi_entregue=-2.6 nao_entregue=-2.4 nao_entregaram=-2.6 nao_funciona=-2.4 nao_gostei=-2.2 nao_recomendo=-2.6
        ainda_nao=-1.8 ate_agora=-1.6 ate_o_momento=-1.6 ate_hoje=-1.4 e_nada=-1.6 sem_resposta=-2.0 sem_retorno=-2.0
        nenhuma_resposta=-2.0 nenhum_retorno=-2.0 nenhum_contato=-1.8 deixou_a_desejar=-2.2 deixa_a_desejar=-2.2
        deixa_muito_a_desejar=-2.8 deixou_muito_a_desejar=-2.8 fora_do_prazo=-2.0 apos_o_prazo=-2.0 passou_do_prazo=-2.0
        so_chegou=-1.8 so_veio=-1.6 so_foi_entregue=-1.8 chegou_apenas=-1.6 chegou_so=-1.6 veio_apenas=-1.4 entrega_outro=-1.8
        enviaram_outro=-1.8 entregam_outro=-1.8 nao_enviou=-2.0 nao_enviaram=-2.0 nao_respondeu=-2.0 nao_responde=-2.0 nao_respondem=-2.0
        baixa_qualidade=-2.4 qualidade_baixa=-2.4 dentro_do_previsto=1.5 antes_do_previsto=2.0 antes_da_data=1.8 passou_dos=-1.5
        antecipad*=1.5 supera*=2.0 indico=1.8 feio=-2.0 feia=-2.0 estranh*=-1.0 erro*=-1.5 compensa=1.0 abusiv*=-2.0 infelizmente=-1.5
        veio_errado=-2.2 veio_outro=-1.8 produto_errado=-2.2 nunca_mais=-2.6 so_recebi=-1.6 recebi_apenas=-1.4
        recebi_somente=-1.4 apenas_um=-0.8 veio_faltando=-2.2 mal_embalado=-2.2 nao_condiz=-1.8 nao_corresponde=-1.8
        """;

    public const string Negators = "nao naum n nunca nem sem jamais nenhum nenhuma nada ninguem tampouco";

    public const string Boosters = "muito muita muitos muitas mt mto mui super extremamente bastante totalmente completamente tao realmente altamente mega demasiado";

    public const string Dampeners = "pouco meio razoavelmente quase";

    public const string Contrasts = "mas porem entretanto contudo todavia";

    public const string Concessions = "embora apesar";

    public const string StopWords = "o os de da dos das que e nao um uma para com muito foi eu meu minha na nas mais mas por ainda esta ja chegou bem recebi entrega produto pois se ao pelo pela como tudo isso ele ela estou foram veio voces vcs";
}
