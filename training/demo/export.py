"""Export the trained demo networks to ONNX in the diffusers layout, with configs, tokenizer and world.json.

Input and output names follow diffusers' ONNX Stable Diffusion exports, so Atelier's pipeline runs the demo model
like any other: text_encoder(input_ids) -> last_hidden_state, pooler_output; unet(sample, timestep,
encoder_hidden_states) -> out_sample; vae_decoder(latent_sample) -> sample; vae_encoder(sample) -> latent_sample.
Weights are stored as float16 initializers behind Cast nodes (halving the files); inputs, outputs and arithmetic
stay float32.
"""
import json
import os
import shutil

import numpy as np
import torch
from torch import nn

import world
from clip_tokenizer import EOS, MAX_LENGTH

OPSET = 17


class TextEncoderGraph(nn.Module):
    def __init__(self, te):
        super().__init__()
        self.te = te

    def forward(self, input_ids):
        return self.te(input_ids)


class UNetGraph(nn.Module):
    def __init__(self, unet):
        super().__init__()
        self.unet = unet

    def forward(self, sample, timestep, encoder_hidden_states):
        return self.unet(sample, timestep, encoder_hidden_states)


class DecoderGraph(nn.Module):
    """Takes unscaled latents (the pipeline divides by scaling_factor) and adds back the channel means that
    training removed, so that the scaled latents the UNet sees are centred."""

    def __init__(self, dec, mean):
        super().__init__()
        self.dec = dec
        self.register_buffer('mean', mean.view(1, -1, 1, 1).clone())

    def forward(self, latent_sample):
        return self.dec(latent_sample + self.mean)


class EncoderGraph(nn.Module):
    def __init__(self, enc, mean):
        super().__init__()
        self.enc = enc
        self.register_buffer('mean', mean.view(1, -1, 1, 1).clone())

    def forward(self, sample):
        return self.enc(sample) - self.mean


def _store_weights_as_fp16(path):
    """Replace large float32 initializers (the weights, already rounded to float16 values) by float16 ones and a
    Cast; ORT folds the casts when it loads the model. Small constants (timestep frequencies) and ones outside
    float16's range (the causal mask) stay float32."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    model = onnx.load(path)
    graph = model.graph
    casts = []
    for init in list(graph.initializer):
        if init.data_type != TensorProto.FLOAT:
            continue
        arr = numpy_helper.to_array(init)
        if arr.size < 1024 or np.abs(arr).max() >= 60000:
            continue
        half = numpy_helper.from_array(arr.astype(np.float16), init.name + '_fp16')
        graph.initializer.remove(init)
        graph.initializer.append(half)
        casts.append(helper.make_node('Cast', [half.name], [init.name], to=TensorProto.FLOAT, name='cast_' + init.name))
    for node in reversed(casts):
        graph.node.insert(0, node)
    onnx.checker.check_model(model)
    onnx.save(model, path)


def _export(module, inputs, path, input_names, output_names, dynamic_axes):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    torch.onnx.export(
        module,
        inputs,
        path,
        input_names=input_names,
        output_names=output_names,
        dynamic_axes=dynamic_axes,
        opset_version=OPSET,
        do_constant_folding=True,
    )
    _store_weights_as_fp16(path)


def _write_json(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        json.dump(obj, f, indent=2)
        f.write('\n')


def scheduler_config(method):
    common = {
        '_diffusers_version': '0.27.0',
        'num_train_timesteps': 1000,
        'beta_start': 0.00085,
        'beta_end': 0.012,
        'beta_schedule': 'scaled_linear',
        'prediction_type': 'epsilon',
        'trained_betas': None,
    }
    if method == 'euler':
        return {
            '_class_name': 'EulerDiscreteScheduler',
            **common,
            'interpolation_type': 'linear',
            'timestep_spacing': 'linspace',
            'steps_offset': 0,
            'use_karras_sigmas': False,
        }
    return {
        '_class_name': 'DDIMScheduler',
        **common,
        'timestep_spacing': 'leading',
        'steps_offset': 1,
        'set_alpha_to_one': False,
        'clip_sample': False,
    }


def reference_inputs(tok):
    g = torch.Generator().manual_seed(99)
    ids = torch.tensor([tok('a red star on the left on a blue background'), tok('')], dtype=torch.int32)
    return {
        'input_ids': ids,
        'sample': torch.randn((2, 4, 8, 8), generator=g),
        'timestep': torch.tensor([999.0, 261.5]),
        'encoder_hidden_states': torch.randn((2, MAX_LENGTH, 128), generator=g),
        'latent_sample': torch.randn((2, 4, 8, 8), generator=g),
        'image': torch.rand((2, 3, 64, 64), generator=g) * 2 - 1,
    }


def export_all(out, work, tok, text_encoder, unet, enc, dec, scaling, mean, chosen, summary, smoke=False):
    # Replace what an earlier export wrote; keep anything else (the hand-written README.md).
    os.makedirs(out, exist_ok=True)
    for name in ('text_encoder', 'unet', 'vae_decoder', 'vae_encoder', 'tokenizer', 'scheduler'):
        shutil.rmtree(os.path.join(out, name), ignore_errors=True)
    te_g, unet_g = TextEncoderGraph(text_encoder).eval(), UNetGraph(unet).eval()
    dec_g, enc_g = DecoderGraph(dec, mean).eval(), EncoderGraph(enc, mean).eval()
    ref = reference_inputs(tok)

    _export(te_g, (ref['input_ids'],), os.path.join(out, 'text_encoder', 'model.onnx'), ['input_ids'],
            ['last_hidden_state', 'pooler_output'],
            {'input_ids': {0: 'batch', 1: 'sequence'}, 'last_hidden_state': {0: 'batch', 1: 'sequence'},
             'pooler_output': {0: 'batch'}})
    _export(unet_g, (ref['sample'], ref['timestep'], ref['encoder_hidden_states']),
            os.path.join(out, 'unet', 'model.onnx'), ['sample', 'timestep', 'encoder_hidden_states'], ['out_sample'],
            {'sample': {0: 'batch', 2: 'height', 3: 'width'}, 'timestep': {0: 'batch'},
             'encoder_hidden_states': {0: 'batch', 1: 'sequence'}, 'out_sample': {0: 'batch', 2: 'height', 3: 'width'}})
    _export(dec_g, (ref['latent_sample'],), os.path.join(out, 'vae_decoder', 'model.onnx'), ['latent_sample'],
            ['sample'], {'latent_sample': {0: 'batch', 2: 'height', 3: 'width'},
                         'sample': {0: 'batch', 2: 'height', 3: 'width'}})
    _export(enc_g, (ref['image'],), os.path.join(out, 'vae_encoder', 'model.onnx'), ['sample'], ['latent_sample'],
            {'sample': {0: 'batch', 2: 'height', 3: 'width'}, 'latent_sample': {0: 'batch', 2: 'height', 3: 'width'}})

    tok.save(os.path.join(out, 'tokenizer'))
    _write_json(os.path.join(out, 'scheduler', 'scheduler_config.json'), scheduler_config(chosen['method']))
    _write_json(os.path.join(out, 'model_index.json'), {
        '_class_name': 'OnnxStableDiffusionPipeline',
        '_diffusers_version': '0.27.0',
        'feature_extractor': [None, None],
        'requires_safety_checker': False,
        'safety_checker': [None, None],
        'scheduler': ['diffusers', scheduler_config(chosen['method'])['_class_name']],
        'text_encoder': ['diffusers', 'OnnxRuntimeModel'],
        'tokenizer': ['transformers', 'CLIPTokenizer'],
        'unet': ['diffusers', 'OnnxRuntimeModel'],
        'vae_decoder': ['diffusers', 'OnnxRuntimeModel'],
        'vae_encoder': ['diffusers', 'OnnxRuntimeModel'],
        'atelier': {
            'family': 'demo',
            'sampleSize': world.SIZE,
            'defaultSteps': chosen['steps'],
            'defaultGuidance': chosen['guidance'],
        },
    })
    _write_json(os.path.join(out, 'text_encoder', 'config.json'), {
        'architectures': ['AtelierDemoTextEncoder'],
        'hidden_size': 128,
        'num_hidden_layers': len(text_encoder.layers),
        'num_attention_heads': 4,
        'max_position_embeddings': MAX_LENGTH,
        'bos_token_id': 49406,
        'eos_token_id': EOS,
        'pad_token_id': EOS,
    })
    _write_json(os.path.join(out, 'unet', 'config.json'), {
        '_class_name': 'AtelierDemoUNet',
        'sample_size': world.SIZE // 8,
        'in_channels': 4,
        'out_channels': 4,
        'cross_attention_dim': 128,
        'block_out_channels': [unet.c1, unet.conv_in.out_channels * 2],
    })
    vae = {
        '_class_name': 'AtelierDemoAutoencoder',
        'in_channels': 3,
        'out_channels': 3,
        'latent_channels': 4,
        'sample_size': world.SIZE,
        'scaling_factor': round(float(scaling), 6),
    }
    _write_json(os.path.join(out, 'vae_decoder', 'config.json'), vae)
    _write_json(os.path.join(out, 'vae_encoder', 'config.json'), vae)
    _write_json(os.path.join(out, 'world.json'), {
        'size': world.SIZE,
        'shapes': world.SHAPES,
        'colours': {k: list(v) for k, v in world.COLOURS.items()},
        'positions': {k: list(v) for k, v in world.POSITIONS.items()},
        'positionPhrases': world.POSITION_PHRASES,
        'heldOut': [world.caption(*k) for k in world.held_out_combos()],
    })
    _write_json(os.path.join(out, 'training.json'), summary)

    # Reference outputs for ort_check.mjs (torch, same float16-rounded weights as the files).
    with torch.no_grad():
        hidden, pooled = te_g(ref['input_ids'])
        refs = {
            'text_encoder': {'inputs': {'input_ids': ref['input_ids']},
                             'outputs': {'last_hidden_state': hidden, 'pooler_output': pooled}},
            'unet': {'inputs': {k: ref[k] for k in ('sample', 'timestep', 'encoder_hidden_states')},
                     'outputs': {'out_sample': unet_g(ref['sample'], ref['timestep'], ref['encoder_hidden_states'])}},
            'vae_decoder': {'inputs': {'latent_sample': ref['latent_sample']},
                            'outputs': {'sample': dec_g(ref['latent_sample'])}},
            'vae_encoder': {'inputs': {'sample': ref['image']}, 'outputs': {'latent_sample': enc_g(ref['image'])}},
        }

    def tensor(t):
        return {'dtype': 'int32' if t.dtype == torch.int32 else 'float32', 'dims': list(t.shape),
                'data': t.flatten().tolist()}

    _write_json(os.path.join(work, 'reference.json'), {
        'model': os.path.abspath(out),
        'models': {name: {'inputs': {k: tensor(v) for k, v in m['inputs'].items()},
                          'outputs': {k: tensor(v) for k, v in m['outputs'].items()}} for name, m in refs.items()},
    })
