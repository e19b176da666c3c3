"""Sentences and context attached to claims (the context lexicon's own examples run in
test_rules.py)."""

from __future__ import annotations

import pytest

import claims
from claims.claim.context import subject_of
from claims.claim.sentences import Sentences


@pytest.mark.parametrize(("text", "expected"), [
    ("The U.S. Army trains on 8 GPUs. Next sentence here.",
     ["The U.S. Army trains on 8 GPUs.", "Next sentence here."]),
    ("We follow Brown et al. (2020) and get 3x. Then (as in Fig. 3) it is 2x faster. Done.",
     ["We follow Brown et al. (2020) and get 3x.", "Then (as in Fig. 3) it is 2x faster.",
      "Done."]),
    ("Speed is 3.5x vs. the baseline, i.e. faster. Also e.g. this one.",
     ["Speed is 3.5x vs. the baseline, i.e. faster.", "Also e.g. this one."]),
    ("It reaches 90.1% on ImageNet. 3 GPUs are used.",
     ["It reaches 90.1% on ImageNet.", "3 GPUs are used."]),
    ("We use $3.2\\times$ less memory. Next.", ["We use $3.2\\times$ less memory.", "Next."]),
    ("No final stop", ["No final stop"]),
])
def test_sentences(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in Sentences.of(text).spans] == expected


def test_sentence_ends_are_the_pattern_scans() -> None:
    """Sentence ends are tried only at `.`, `!` or `?` with no letter or digit after it:
    on every fixture text they are the matches of a scan of every character."""
    from claims.claim.sentences import _SENTENCE_END, _sentence_ends
    from tests.test_literals import _texts

    for text in [*_texts(), "A. B! C? 3.5. Fig. 2.\u2003Next. (Yes.) \"Q?\" E.g. x.", "."]:
        assert [m.span() for m in _sentence_ends(text)] == [
            m.span() for m in _SENTENCE_END.finditer(text)], text[:60]


def _one(text: str, kind: str, value: float) -> claims.Claim:
    found = [c for c in claims.extract(text) if c.kind.value == kind and c.value == value]
    assert len(found) == 1, claims.extract(text)
    return found[0]


def test_claim_sentence_is_its_own_sentence() -> None:
    text = "We train on 512 GPUs. It is 3.5x faster than Megatron."
    assert _one(text, "speedup", 3.5).sentence == "It is 3.5x faster than Megatron."


def test_each_value_gets_the_device_of_its_own_stretch() -> None:
    text = "It gives speedups of 3.25x on NVIDIA A100 and 4.5x on A6000 over FP16."
    assert _one(text, "speedup", 3.25).hardware == "NVIDIA A100"
    assert _one(text, "speedup", 4.5).hardware == "NVIDIA A6000"


def test_dataset_named_before_a_parenthesis() -> None:
    text = "We reach SOTA on WikiText103 (10.8 compared to SOTA perplexity of 15.8) and LAMBADA."
    assert _one(text, "score", 10.8).dataset == "WikiText-103"


def test_baseline_does_not_take_a_number() -> None:
    text = "It reaches up to 0.8 accuracy, and with more than 0.9 accuracy on arguments."
    assert _one(text, "score", 0.8).baseline is None


def test_score_metric_carries_over_a_list_of_datasets() -> None:
    text = "It reaches 88.55% top-1 accuracy on ImageNet, 94.55% on CIFAR-100."
    assert _one(text, "score", 94.55).metric == "top-1 accuracy"
    assert _one(text, "score", 94.55).dataset == "CIFAR-100"


def test_model_size_subject_is_the_sized_model() -> None:
    """A size written inside a name gives the whole name, as the guidelines copy it
    (`LLAMA2-70B` -> `LLAMA2-70B`)."""
    text = "LLaMA-13B outperforms GPT-3 (175B) and is competitive with Chinchilla-70B."
    assert _one(text, "model_size", 70e9).subject == "Chinchilla-70B"
    assert _one(text, "model_size", 175e9).subject == "GPT-3"


@pytest.mark.parametrize(("text", "value", "subject"), [
    # real7-036, real4-003, real7-027 (arXiv abstracts, December 2025)
    ("Moreover, on HumanEval with Qwen3-30B-A3B, DEER attains a 5.54x speedup", 30e9,
     "Qwen3-30B-A3B"),
    ("LEAN-LLM-OPT, instantiated with GPT-4.1 and the open source gpt-oss-20B, achieves strong",
     20e9, "gpt-oss-20B"),
    ("We conduct experiments on the Wan2.2-I2V-14B-720P, Wan2.1-T2V-1.3B-480P", 1.3e9,
     "Wan2.1-T2V-1.3B-480P"),
])
def test_a_size_inside_a_name_gives_the_whole_name(text: str, value: float, subject: str) -> None:
    assert _one(text, "model_size", value).subject == subject


@pytest.mark.parametrize(("title", "abstract", "expected"), [
    ("GPTQ: Accurate Post-Training Quantization", "", "GPTQ"),
    ("Efficient training", "In this paper we propose SliceGPT, a new scheme.", "SliceGPT"),
    ("Efficient training", "We design a system dubbed FlexGen for throughput.", "FlexGen"),
    ("Efficient training", "We propose a new method for training.", None),
    ("A Simple Framework for Contrastive Learning",
     "This paper presents SimCLR: a simple framework for contrastive learning.", "SimCLR"),
    ("Fast R-CNN", "This paper proposes a fast method for object detection.", "Fast R-CNN"),
])
def test_subject_of_a_paper(title: str, abstract: str, expected: str | None) -> None:
    cues = claims.load_ruleset().context.subject_cues
    assert subject_of(title, abstract, cues) == expected


@pytest.mark.parametrize(("title", "subject"), [
    ("Switch Transformers: Scaling to Trillion Parameter Models", "Switch Transformers"),
    ("ZeRO: Memory Optimizations Toward Training Trillion Parameter Models", "ZeRO"),
    ("Mistral 7B", "Mistral"),
    ("TPU v4: An Optically Reconfigurable Supercomputer with 4096 Chips of 1B Parameters",
     "TPU v4"),
    ("wav2vec 2.0: A Framework for Self-Supervised Learning at 300M Parameters", "wav2vec 2.0"),
])
def test_title_case_words_are_not_model_names(title: str, subject: str) -> None:
    """In a title every word is capitalized: only a one-word name before a size counts,
    else the paper's own method is the subject."""
    from claims.model import Document
    from claims.run.pipeline import extract_document

    doc = Document(id="t", fields={"title": title, "abstract": "We study it."})
    sizes = [c for c in extract_document(doc) if c.kind.value == "model_size"]
    assert sizes and {c.subject for c in sizes} == {subject}


@pytest.mark.parametrize(("text", "kind", "value", "subject"), [
    # the name nearest the verb acts, not an earlier name the verb phrase runs past
    ("Tests on DNN architectures show that TASO outperforms existing DNN frameworks by up "
     "to 2.8x.", "speedup", 2.8, "TASO"),
    # "FID score" and "CLIP score" are nouns, not "CC3M scores"
    ("Our model sets a new SOTA on CC3M, with an FID score of 6.06.", "score", 6.06, None),
    # the second of two names joined by a slash does not act alone
    ("RT-DETR-R50 / R101 achieves 53.1% AP on COCO.", "score", 53.1, "RT-DETR-R50"),
])
def test_the_model_acting_before_a_value(text: str, kind: str, value: float,
                                         subject: str | None) -> None:
    assert _one(text, kind, value).subject == subject


def test_clause_of_a_claim() -> None:
    found = claims.extract("It is 3x faster on A100, while the baseline needs 8 GPUs.")
    assert {c.text: c.clause for c in found} == {
        "3x": "It is 3x faster on A100", "A100": "It is 3x faster on A100",
        "8 GPUs": "while the baseline needs 8 GPUs."}


def _dataset_names(text: str) -> list[str]:
    from claims.claim.context import dataset_names

    lexicon = claims.load_ruleset().context
    return [name for _, name in dataset_names(lexicon).mentions(text, lambda span: False)]


@pytest.mark.parametrize(("text", "expected"), [
    ("It scores 75.8% and 93.5% on the InCharacter and LifeChoice benchmarks.",
     ["InCharacter", "LifeChoice"]),
    ("It reaches 56.86% mIoU on SemanticKITTI and 42.28% on nuScenes.",
     ["SemanticKITTI", "nuScenes"]),
    ("The CoSER dataset covers 17,966 characters.", ["CoSER"]),
    ("We release Plot2XML, a benchmark of 247 diagrams.", ["Plot2XML"]),
    # what a sentence opens with (`On X, ...`) is what its results are on
    ("Results hold. On Middlebury, RAFT-Stereo reduces disparity MAE.", ["Middlebury"]),
    ("On average, it is 3% better. On the other hand, it is slow.", []),
    # models, plural acronyms, subsets, systems and descriptions are no datasets
    ("It is 3x faster on Llama-3-8B and GPT-4o, and on LLMs in general.", []),
    ("It gains 4.2% on the Single-Hop subset and runs on vLLM.", []),
    ("We test on H100 GPUs and a parallel clinical RE dataset.", []),
    ("Results on Monday were good. Benchmark results follow.", []),
    # the words describing a presented dataset name none (real6-038)
    ("To assess how far these capabilities extend to program verification, we evaluate "
     "Claude Code in an agentic proving framework on CLEVER, a Lean 4 benchmark for "
     "verifiable code generation.", ["CLEVER"]),
    # a capitalized noun ending a coined name is part of it (real37-013, real37-027)
    ("The TidyVoice2026 Challenge targets this setting with text-independent verification, "
     "comprising 3,666 training and 808 development speakers", ["TidyVoice2026 Challenge"]),
    ("This paper presents the IHLC system for the LT-EDI 2026 Shared Task, addressing both "
     "gender-inclusive rewriting", ["LT-EDI 2026 Shared Task"]),
    # a preposition opening the sentence is no part of the name (real38-015); a count is none
    ("Across GAIA benchmark tasks spanning zero-tool, document-augmented, and web-enabled "
     "workflows, GraphBit outperforms six existing frameworks", ["GAIA"]),
    ("On 17 benchmarks, pairing a 6.9B general memory with Pythia-410M raises its average "
     "score", []),
    # a coined name between a count and its noun is where the items come from (real37-031,
    # real37-018), unless it is an acronym, a format or a description
    ("We evaluate SAL on 500 TPC-H natural language questions executed against a live "
     "Oracle Autonomous Database 23c instance", ["TPC-H"]),
    ("to 3,000 randomly sampled MIMIC-IV-Note discharge summaries", ["MIMIC-IV-Note"]),
    ("We use 3 LLM agents, 16 FP8 tensors, 55 QDockBank-derived fragments and 193 K-12 "
     "participants.", []),
    ("raises OGB-Cube by 14.2 points over LeWM and improves Push-T", []),
])
def test_open_world_dataset_names(text: str, expected: list[str]) -> None:
    assert _dataset_names(text) == expected


def test_presented_dataset_reaches_counts_of_its_items() -> None:
    text = ("We present SilvaScenes, a new dataset for tree species. It features 1476 trees. "
            "Our model reaches 67.65% mAP.")
    assert _one(text, "quantity", 1476).dataset == "SilvaScenes"
    assert _one(text, "score", 67.65).dataset == "SilvaScenes"


def test_a_quantity_is_on_the_dataset_of_the_setting_opening_its_sentence() -> None:
    """`On X, ...` sets where the sentence's results are: times and sizes there are on X;
    a dataset named later in a sentence may be the one a count is of, so only the opening
    phrase reaches a quantity."""
    text = ("On the WMT'14 English-French task, we obtain a state-of-the-art BLEU of 43.2 in "
            "8.5 hours on 128 GPUs.")
    assert _one(text, "quantity", 8.5).dataset == "WMT'14 English-French"
    text = ("On LIBERO, Mix-QVLA reduces OpenVLA-OFT memory from 15.4 GB to 4.1 GB, retains "
            "96.3 average success compared with 97.1 for the BF16 model.")
    assert _one(text, "quantity", 4.1).dataset == "LIBERO"
    text = ("We trained the model with an Arabic dataset of 24,513 tweets, including 1,437 "
            "positive and 2,297 indeterminate tweets.")
    assert _one(text, "quantity", 1437).dataset is None


@pytest.mark.parametrize(("text", "value", "dataset"), [
    ("Our method achieves 194.3% mean human performance and 109.0% median performance on the "
     "Atari 100k benchmark with only two hours of real-time game experience.", 194.3,
     "Atari 100k"),
    ("On the full MLE-Bench Lite benchmark (22 Kaggle competitions), HASTE reaches a medal "
     "rate of 77.3% using Claude Sonnet 4.6 at 12h per competition.", 77.3, "MLE-Bench Lite"),
    ("By pretraining on the same ImageNet21k, our EfficientNetV2 achieves 87.3% top-1 accuracy "
     "on ImageNet ILSVRC2012, outperforming the recent ViT by 2.0% accuracy.", 87.3,
     "ImageNet ILSVRC2012"),
])
def test_a_variant_of_a_known_dataset_is_named_as_written(text: str, value: float,
                                                          dataset: str) -> None:
    """A name running on past a known dataset it starts with names a variant the lexicon
    does not list; the known name inside it would name another dataset."""
    assert _one(text, "score", value).dataset == dataset


def test_a_known_dataset_name_running_on_past_a_hyphen_is_another_name() -> None:
    lexicon = claims.load_ruleset().datasets
    assert lexicon.mentions("Each C4-Eval item is instantiated in five task settings.") == []
    assert [name for _, name in lexicon.mentions("trained on C4-style web text and C4.")] == [
        "C4"]


@pytest.mark.parametrize(("text", "value", "metric"), [
    ("On 17 benchmarks, pairing a 6.9B general memory with Pythia-410M raises its average "
     "score from 29.86 to 37.34, surpassing Pythia-12B (37.24) with 39% fewer total "
     "parameters.", 37.24, "average score"),
    ("On Vehicle TeleSales, IB-RL achieves 89.6% Success@1, compared to 84.6% for the best "
     "unilateral RL baseline.", 84.6, "Success@1"),
])
def test_a_score_naming_no_metric_is_in_that_of_the_score_before_it(
        text: str, value: float, metric: str) -> None:
    assert _one(text, "score", value).metric == metric


def test_the_second_gain_of_a_verb_is_in_the_object_after_and() -> None:
    text = ("On development data from six simulated hospitals with unequal data volume and "
            "disease prevalence, FedPref improves client-mean F1 by 2.49 points and worst-site "
            "F1 by 9.10 points.")
    assert _one(text, "improvement", 2.49).metric == "client-mean F1"
    assert _one(text, "improvement", 9.1).metric == "worst-site F1"


@pytest.mark.parametrize(("text", "value"), [
    ("On ISPRS Vaihingen (external benchmark), iSAGE reaches 76.78% mIoU with 0.011% of "
     "pixels, matching the dense baseline (76.65%) and exceeding all published methods.", 76.65),
    ("On average,GlobalRegret andLocalRegret achieve 33.9% and 32.2% accuracy respectively, "
     "surpassing the baseline's 30.2%.", 30.2),
])
def test_a_baselines_own_score_has_no_subject(text: str, value: float) -> None:
    assert _one(text, "score", value).subject is None


@pytest.mark.parametrize(("text", "device"), [
    ("It runs 2x faster on NVIDIA H20 GPUs.", "NVIDIA H20"),
    ("It runs 2x faster on A10G GPUs.", "NVIDIA A10G"),
    ("It runs 2x faster on TPUv6e.", "Google TPU v6e"),
    ("It runs 2x faster on a Xilinx ZCU104 board.", "AMD Xilinx ZCU104"),
    ("It runs 2x faster on a Google Pixel 4.", "Google Pixel 4"),
    ("It runs 2x faster on a Snapdragon 8 Gen 3.", "Qualcomm Snapdragon 8 Gen 3"),
    ("It runs 2x faster on the NVIDIA Jetson AGX Thor.", "NVIDIA Jetson AGX Thor"),
    ("It runs 2x faster on a Mali-G78 MP20.", "ARM Mali-G78 MP20"),
    ("It runs 2x faster on an Adreno 750.", "Qualcomm Adreno 750"),
])
def test_devices_of_a_vendor_family_keep_their_whole_name(text: str, device: str) -> None:
    assert _one(text, "speedup", 2).hardware == device


def test_a_number_inside_a_device_name_is_no_value() -> None:
    """real43-033: `910B` of `Huawei Ascend 910B` is no model size, nor a count of NPUs."""
    text = ("Extensive experiments on Huawei Ascend 910B across six operators spanning five "
            "categories show it works. It is 2x faster on Huawei Ascend 910B NPUs.")
    found = claims.extract(text)
    assert [(c.kind.value, c.value, c.hardware) for c in found if c.kind.value != "speedup"] \
        == [("hardware", None, "Huawei Ascend 910B")] * 2


@pytest.mark.parametrize(("text", "devices"), [
    # real41-012 and real41-029: boards, phones and mobile GPU families
    ("We evaluate the framework using Pixel mobile devices and validate the profiling "
     "pipeline on Jetson Nano, Orange Pi 5 Pro, and an RTX 3090-class GPU platform.",
     ["Google Pixel", "NVIDIA Jetson Nano", "Orange Pi 5 Pro", "NVIDIA RTX 3090"]),
    ("Evaluations on seven transformer models across different mobile phones (including ARM "
     "Mali and Qualcomm Adreno GPUs) show that FBLayout achieves 2.2-5.7x speedup over MNN.",
     ["ARM Mali GPU", "Qualcomm Adreno GPU"]),
])
def test_edge_boards_phones_and_mobile_gpus_are_devices(text: str, devices: list[str]) -> None:
    assert [c.hardware for c in claims.extract(text) if c.kind.value == "hardware"] == devices


def test_the_one_device_a_paper_names_reaches_its_performance_claims() -> None:
    doc = claims.Document(id="d", fields={
        "title": "Fast Kernels on NVIDIA H100",
        "abstract": "Our kernels are 3.3x faster than cuBLAS. They reach 85% accuracy."})
    found = {c.kind.value: c for c in claims.extract_document(doc)}
    assert found["speedup"].hardware == "NVIDIA H100"
    assert found["score"].hardware is None
    two = claims.Document(id="d", fields={
        "abstract": "On A100 and H100 GPUs it works. Our kernels are 3.3x faster."})
    assert [c.hardware for c in claims.extract_document(two) if c.kind.value == "speedup"] \
        == [None]


def test_a_class_word_names_the_papers_device_only_when_experiments_run_on_it() -> None:
    on = claims.Document(id="d", fields={"abstract": "We train on 64 GPUs. It is 3x faster."})
    about = claims.Document(id="d", fields={"abstract": "GPU compute is scarce. It is 3x faster."})
    assert [c.hardware for c in claims.extract_document(on) if c.kind.value == "speedup"] \
        == ["GPU"]
    assert [c.hardware for c in claims.extract_document(about) if c.kind.value == "speedup"] \
        == [None]


@pytest.mark.parametrize(("title", "abstract", "expected"), [
    # title fragments and generic phrases are no names: null
    ("Beyond ReLU: Chebyshev-DQN for Enhanced Deep Q-Networks", "", None),
    ("Human-LLM Coevolution: Evidence from Academic Writing", "", None),
    ("Vision Language Models: A Survey of 26K Papers", "", None),
    ("Modern Deep Learning Approaches for Cricket Shot Classification", "", None),
    # a long form with its acronym gives the acronym, in the title or the abstract
    ("Synthetic Adaptive Guided Embeddings (SAGE): A Novel Method", "", "SAGE"),
    ("Diagnosing Disorders", "We propose a Hybrid Motion Video Diagnosis framework (HMVDx).",
     "HMVDx"),
    ("Depth", "In this work, we introduce online VDA (oVDA).", "oVDA"),
    ("Segmentation", "We construct an efficient segmentation network, OffSeg.", "OffSeg"),
    ("3DFroMLLM: 3D Prototype Generation", "", "3DFroMLLM"),
    # the author may act past a few words, in any tense; names may open in lower case,
    # hold a dot, sit in quotes or run over capitalized words up to their apposition
    ("Exploring Single Domain Generalization",
     "We therefore propose DuNe, a dual-view framework with strong and weak branches", "DuNe"),
    ("Real-Time Streamable Generative Speech Restoration with Flow Matching",
     "Here, we present Stream.FM, a frame-causal flow-based generative model", "Stream.FM"),
    ("", "This work identifies these mismatches and proposes cuPilot, "
     "a strategy-coordinated multi-agent framework", "cuPilot"),
    ("Taming the Memory Footprint Crisis", "To bridge this gap, we present dLLM-Serve, an "
     "efficient dLLM serving system", "dLLM-Serve"),
    ("Can LLM feedback enhance review quality?", "To address these issues, we developed Review "
     "Feedback Agent, a system leveraging multiple large language models", "Review Feedback Agent"),
    ("Second Guess: Detecting Uncertainty", "We propose _Second Guess_, a lightweight, "
     "parameter-free prompting technique", "Second Guess"),
    ("Design in Tiles", 'We propose "Design in Tiles (DiT)", an automated framework', "DiT"),
    ("Beyond ReLU: Chebyshev-DQN for Enhanced Deep Q-Networks", "This paper introduces a novel "
     "architecture, the Chebyshev-DQN (Ch-DQN), which integrates", "Ch-DQN"),
    ("Reasoning Models Can Be Effective Without Thinking", "bypassing the thinking process via "
     "simple prompting, denoted as NoThinking, can be surprisingly effective", "NoThinking"),
    ("Introducing Axlerod: An LLM-based Chatbot for Assisting Independent Insurance Agents", "",
     "Axlerod"),
    ("iSHIFT: Lightweight Slow-Fast GUI Agent with Adaptive Perception", "", "iSHIFT"),
    # the LiBERTus paper (SIGTYP 2024) and the DynamicLRP paper
    ("Allen Institute for AI @ SIGTYP 2024 Shared Task on Word Embedding Evaluation for "
     "Ancient and Historical Languages", "Throughout this paper, we will refer to the "
     "pretrained model as LiBERTus.", "LiBERTus"),
    ("Always Keep Your Promises: DynamicLRP, A Model-Agnostic Solution To Layer-Wise "
     "Relevance Propagation", "", "DynamicLRP"),
    # what follows a preposition, a relative pronoun or a single letter is no name
    ("Deep Residual Learning", "We also present analysis on CIFAR-10 with 100 and 1000 layers.",
     None),
    ("Learnable Commutative Monoids", "And with this, we construct an aggregator of O(log V) "
     "depth", None),
    ("From Prompt to Protocol", "We introduce two gradient-free, LLM-driven closed-loop methods",
     None),
])
def test_subject_is_a_name_or_null(title: str, abstract: str, expected: str | None) -> None:
    context = claims.load_ruleset().context
    assert subject_of(title, abstract, context.subject_cues, context.not_models) == expected


def test_the_papers_method_is_no_dataset() -> None:
    """real6-008 (arXiv abstract): MuCRASP is the paper's method, named after `on`."""
    doc = claims.Document(id="d", fields={
        "title": "MuCRASP: Multimodal Chain-of-thought Reasoning aware Structured Pruning",
        "abstract": "At 30% pruning on Qwen2.5-VL-7B, MuCRASP achieves an LLM-as-a-Judge score "
                    "of 8.87 versus 7.32 for the strongest baseline on physical reasoning tasks."})
    scores = [c for c in claims.extract_document(doc) if c.kind.value == "score"]
    assert scores and all(c.dataset is None for c in scores)


@pytest.mark.parametrize(("text", "value", "baseline"), [
    # real14-027 (arXiv abstract): the name set off by commas after a generic phrase
    ("Across six QA benchmarks, Harness-G achieves the highest average F1 at both evaluated "
     "model scales, outperforming the strongest baseline, Graph-R1, by 10.74 points at 1.5B "
     "and 3.98 points at 3B.", 10.74, "Graph-R1"),
    # real2-005: a generic phrase whose modifier holds capitals still names it in brackets
    ("Experimental results on eight LTSF benchmarks demonstrate that MDMixer improves average "
     "MAE performance by 4.64% compared to the recent state-of-the-art MLP-based method "
     "(TimeMixer), while achieving an effective balance between training efficiency and model "
     "interpretability.", 4.64, "TimeMixer"),
])
def test_a_generic_baseline_phrase_gives_the_name_after_it(text: str, value: float,
                                                           baseline: str) -> None:
    assert _one(text, "improvement", value).baseline == baseline


def test_the_first_end_of_a_change_takes_the_dataset_named_after_the_second() -> None:
    """real18-033 (arXiv abstract): each `from X to Y on D` is measured on its own D."""
    text = ("For transformers, SaluNet-T improves over LayerNorm-GELU from 90.92\\% to "
            "91.01\\% on CIFAR-10 and from 66.54\\% to 68.10\\% on CIFAR-100.")
    datasets = {c.value: c.dataset for c in claims.extract(text) if c.kind.value == "score"}
    assert datasets == {90.92: "CIFAR-10", 91.01: "CIFAR-10", 66.54: "CIFAR-100",
                        68.1: "CIFAR-100"}


@pytest.mark.parametrize(("text", "kind", "value", "hardware"), [
    # real8-045 (arXiv abstract): the device word names what the cut memory is on
    ("Across four benchmarks, SeKV improves over the strongest semantic compression baseline "
     "by 5.9% on average while reducing GPU memory by 53.3% versus full KV caching at 128K "
     "context.", "compression", 53.3, "GPU"),
    # seed-003: `GPU hours` is a unit, and a bit-width is measured on no device
    ("Specifically, GPTQ can quantize GPT models with 175 billion parameters in approximately "
     "four GPU hours, reducing the bitwidth down to 3 or 4 bits per weight, with negligible "
     "accuracy degradation relative to the uncompressed baseline.", "compression", 3, None),
])
def test_a_compression_takes_only_the_device_of_its_own_words(
        text: str, kind: str, value: float, hardware: str | None) -> None:
    assert _one(text, kind, value).hardware == hardware


def test_a_compared_result_of_a_described_baseline_has_no_subject() -> None:
    """real15-031 (arXiv abstract): 84.6% is the unnamed baseline's, not IB-RL's."""
    doc = claims.Document(id="d", fields={
        "title": "IB-RL: Isolated Bilateral Reinforcement Learning for Strategic Dialogue Agents",
        "abstract": "On Vehicle TeleSales, IB-RL achieves 89.6% Success@1, compared to 84.6% "
                    "for the best unilateral RL baseline."})
    subjects = {c.value: c.subject for c in claims.extract_document(doc) if c.kind.value == "score"}
    assert subjects == {89.6: "IB-RL", 84.6: None}


def test_a_result_of_an_unnamed_actor_has_no_subject() -> None:
    """real11-028 (arXiv abstract): `the strongest` of the evaluated models is no name, and
    its results are not Thinkingbox's (the paper's benchmark)."""
    doc = claims.Document(id="d", fields={
        "title": "One Success Isn't Reliability: Thinkingbox, a Sandbox and Benchmark for "
                 "Agents in Stateful Business Workflows",
        "abstract": "Across proprietary and open-weight models, the strongest achieves 65.36% "
                    "pass@1, but only 25.25% pass^20."})
    scores = [c for c in claims.extract_document(doc) if c.kind.value == "score"]
    assert scores and scores[0].value == 65.36 and scores[0].subject is None


def test_the_first_end_of_a_change_is_not_the_papers_result() -> None:
    """real1-045 (arXiv abstract): 62.5% is the accuracy before the paper's method, so it
    is not Heimdall's; 94.5% is."""
    doc = claims.Document(id="d", fields={
        "title": "Heimdall: test-time scaling on the generative verification",
        "abstract": "With pure reinforcement learning, we boost the verification accuracy from "
                    "62.5% to 94.5% on competitive math problems."})
    subjects = {c.value: c.subject for c in claims.extract_document(doc) if c.kind.value == "score"}
    assert subjects == {62.5: None, 94.5: "Heimdall"}


def test_dataset_name_patterns_find_on_fixture_texts_what_greedy_words_find() -> None:
    """A name's lower-case letters are taken possessively, for speed: on every fixture
    text the patterns find what they find when letters may be given back."""
    import json
    from pathlib import Path

    import regex

    from claims.claim.context import dataset_names
    from claims.claim.rulepack import default_ruleset

    names = dataset_names(default_ruleset().context)
    possessive, greedy = r"[a-z]++(?=", r"[a-z]+(?="
    for path in sorted((Path(__file__).parent / "fixtures").glob("*_docs.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            texts = [t for t in json.loads(line).values() if isinstance(t, str)]
            for pattern in (names.before_noun, names.after_preposition, names.presenting):
                assert possessive in pattern.pattern
                plain = regex.compile(pattern.pattern.replace(possessive, greedy), pattern.flags)
                for text in texts:
                    assert [m.span("list") for m in pattern.finditer(text)] == \
                        [m.span("list") for m in plain.finditer(text)], (path.name, text[:60])


def test_a_paper_that_is_a_benchmark_is_the_dataset_of_its_results() -> None:
    """The title presents the paper's own name as a benchmark (real11-020): the results
    its abstract reports, naming no other dataset, are on it."""
    doc = claims.Document(id="d", fields={
        "title": "Hear2Act: Benchmarking When Prosody Should Change What an Assistant Does",
        "abstract": "Under Prosody-mediated feedback, adding audio to the transcript changes "
                    "the average optimal-solution rate only from 14.6% to 15.3%."})
    found = {c.value: c.dataset for c in claims.extract_all([doc]) if c.kind.value == "score"}
    assert found == {14.6: "Hear2Act", 15.3: "Hear2Act"}


def test_a_benchmark_right_before_a_value_is_its_dataset() -> None:
    """`(IFEval 79.9) ... (GPQA-Diamond 50.0)`: the name written right before each value
    (real16-024), not the next one after it."""
    text = ("Against peer models in the 7--10B class (Qwen3.5-9B, OLMo-3-7B-Think, Nemotron-"
            "Nano-8B, Ministral-3-8B), Domyn-Small achieves a strong accuracy-efficiency "
            "balance: it produces roughly one-third as many tokens as Qwen3.5-9B and "
            "approximately 35% of OLMo-3-7B-Think's token budget on core reasoning "
            "benchmarks, while delivering strong instruction-following (IFEval 79.9) and "
            "competitive science reasoning (GPQA-Diamond 50.0).")
    assert _one(text, "score", 79.9).dataset == "IFEval"
    assert _one(text, "score", 50.0).dataset == "GPQA-Diamond"


def test_a_name_after_a_preposition_is_tried_where_hyperscan_finds_a_coded_word() -> None:
    """`after_preposition` and `setting` are tried only where one Hyperscan scan finds
    a preposition (`On`, `Across`) before a word holding a capital or a digit: on every
    fixture text, whole and from its second character, that finds the matches tried at
    every preposition (a scan of the whole text) find."""
    import json
    from pathlib import Path

    from claims.claim.context import dataset_names
    from claims.claim.rulepack import default_ruleset

    names = dataset_names(default_ruleset().context)
    assert names.coded_after_preposition is not None and names.coded_setting is not None
    texts = ["on LIBERO-LONG", "in in X", "within ImageNet", "on the COCO", "across nuScenes",
             "On KITTI, it", "Done. On the ScanNet and S3DIS, it", "xOn A1, b"]
    for path in sorted((Path(__file__).parent / "fixtures").glob("*_docs.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            texts += [t for t in json.loads(line).values() if isinstance(t, str)]
    for text in [*texts, *(t[1:] for t in texts)]:
        assert [m.span() for m in names._after_preposition(text)] == [
            m.span() for m in names._finditer(names.after_preposition, text,
                                              [(0, len(text))])], text[:60]
        assert [m.span() for m in names._setting(text)] == [
            m.span() for m in names.setting.finditer(text)], text[:60]


def test_a_self_named_benchmarks_ending_is_found_where_the_pattern_finds_it() -> None:
    """The endings of self-named benchmarks (`EvasionBench`) are found by `str.find`:
    on every fixture text the places are those of the pattern's overlapped scan."""
    import json
    from pathlib import Path

    from claims.claim.context import dataset_names
    from claims.claim.rulepack import default_ruleset

    names = dataset_names(default_ruleset().context)
    assert names.ending_words is not None
    texts = ["EvasionBench and BashArena", "XBENCHBench", "BenchBench"]
    for path in sorted((Path(__file__).parent / "fixtures").glob("*_docs.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            texts += [t for t in json.loads(line).values() if isinstance(t, str)]
    for text in texts:
        assert sorted(names._ending_starts(text)) == [
            m.start() for m in names.ending.finditer(text, overlapped=True)], text[:60]


def test_names_before_a_noun_tried_where_one_scan_says_a_name_starts_are_all_of_them() -> None:
    """`before_noun` tried only where a name may start equals its scan of every place,
    on the rule examples and seed texts, from every place and over the whole text."""
    from claims.claim.context import dataset_names
    from claims.claim.rulepack import default_ruleset
    from tests.test_literals import _texts

    names = dataset_names(default_ruleset().context)
    texts = ["The COCO dataset. on the gRefCOCO and x.ImageNet benchmarks", "ab-Cd dataset"]
    for text in [*_texts(), *texts]:
        for stretches in ([(0, len(text))], [(start, len(text)) for start in range(0, 80, 3)]):
            assert [m.span() for m in names._before_noun(text, stretches)] == [
                m.span() for m in names._finditer(names.before_noun, text, stretches)], text


def test_a_metric_keeps_the_cutoff_its_name_writes_after_it() -> None:
    """`mAP@0.5` and `mAP@0.5:0.95` are two metrics, and neither is the canonical `AP`;
    a cue word's cutoff stays with it too (real36-018, real10-037)."""
    text = ("Among the evaluated attention modules, GAM achieves the best detection "
            "performance, obtaining mAP@0.5 = 0.9917 and mAP@0.5:0.95 = 0.9506 on the test "
            "dataset.")
    metrics = {c.value: c.metric for c in claims.extract(text)}
    assert metrics == {0.9917: "mAP@0.5", 0.9506: "mAP@0.5:0.95"}
    grounded = claims.extract("Remarkably, it achieves 62.0\\% in Acc@0.25 on ScanRefer.")
    assert [(c.value, c.metric) for c in grounded] == [(62.0, "Acc@0.25")]


def test_a_join_after_a_baseline_is_no_baseline_of_a_list_item() -> None:
    """`by 18.3% and 72.5% over the human expert, and by ...`: the `and` that opens the
    next clause is no second baseline for the second value (real31-050)."""
    text = ("On the three NanGate45 designs, for which human-expert and Hier-RTLMP baselines "
            "are available, MAGE improves WNS and TNS by 18.3% and 72.5% over the human "
            "expert, and by 47.0% and 80.4% over Hier-RTLMP, with comparable wirelength and "
            "power.")
    baselines = {c.value: c.baseline for c in claims.extract(text)}
    assert baselines[18.3] == baselines[72.5] == "human expert"
    assert baselines[80.4] == "Hier-RTLMP"


def test_results_in_a_bracket_split_by_slashes_are_the_named_models() -> None:
    """`YOLOv11 (0.9833 / 0.9112)`: the scores in the bracket are YOLOv11's (real36-018)."""
    text = ("Among the evaluated attention modules, GAM achieves the best detection "
            "performance, obtaining mAP@0.5 = 0.9917 and mAP@0.5:0.95 = 0.9506 on the test "
            "dataset, which are higher than those of YOLOv11 (0.9833 / 0.9112) and YOLOv8 "
            "(0.9707 / 0.8921).")
    subjects = {c.value: c.subject for c in claims.extract(text)}
    assert subjects == {0.9917: "GAM", 0.9506: "GAM", 0.9833: "YOLOv11", 0.9112: "YOLOv11",
                        0.9707: "YOLOv8", 0.8921: "YOLOv8"}


def test_a_preposition_opening_a_title_phrase_is_no_subject() -> None:
    """`PP-OCRv6: From 1.5M to 34.5M Parameters`: `From` names nothing (real36-037)."""
    doc = claims.Document(id="d", fields={
        "title": "PP-OCRv6: From 1.5M to 34.5M Parameters, Surpassing Billion-Scale VLMs on "
                 "OCR Tasks",
        "abstract": "This paper presents PP-OCRv6, a lightweight OCR system."})
    sizes = [c for c in claims.extract_document(doc) if c.kind.value == "model_size"]
    assert [(c.value, c.subject) for c in sizes] == [(1.5e6, "PP-OCRv6"), (34.5e6, "PP-OCRv6")]
